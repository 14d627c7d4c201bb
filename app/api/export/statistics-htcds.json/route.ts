import { getHtcdsExport } from '@/db/statistics/exports';
import { HTCDS_EXTENSION_PREFIX } from '@/db/statistics/htcds';
import { suppressionThreshold } from '@/db/statistics/protection';
import { statisticsExportRoute } from '../../statistics/params';

export const dynamic = 'force-dynamic';

/**
 * GET /api/export/statistics-htcds.json?from&to[&county]: for full viewers, the trafficking and
 * human-exploitation cases as HTCDS 2.0 records with no identifiers; for everyone, the register's
 * own figures (protected outside one's county), which are not HTCDS. docs/statistics-mapping.md.
 */
export const GET = statisticsExportRoute(async ({ actor, params, today }) => {
  const out = await getHtcdsExport(actor, { county: params.county, period: params.period, today });
  const body = {
    standard: {
      name: 'HTCDS',
      version: '2.0',
      attribution: 'Human Trafficking Case Data Standard (HTCDS) by IOM, CC BY 4.0; IOM does not endorse this export.',
      extensionPrefix: HTCDS_EXTENSION_PREFIX,
      mapping: 'docs/statistics-mapping.md',
    },
    country: 'SE',
    county: out.scope.kind === 'nation' ? null : out.scope.code,
    period: { from: params.period.from, to: params.period.to },
    // Trafficking (BrB 4 kap. 1 a §) and human exploitation (1 b §) cases only; null for protected viewers.
    records: out.records,
    truncated: out.truncated,
    // The register's figures in its own names (all offences), not HTCDS.
    lagesbild_figures: {
      protection: { applied: out.access === 'suppressed', threshold: suppressionThreshold() },
      figures: out.figures.map((f) => ({ figure: f.figure, ...f.count })),
    },
  };
  return new Response(JSON.stringify(body, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="lagesbild-htcds-${params.period.from}-${params.period.to}.json"`,
      'Cache-Control': 'no-store',
    },
  });
});
