CREATE TABLE "stat_case_pending" (
	"tx" bigint NOT NULL,
	"case_id" uuid NOT NULL,
	CONSTRAINT "stat_case_pending_tx_case_id_pk" PRIMARY KEY("tx","case_id")
);
