import './print.css';

export default function ReportLayout({ children }: { children: React.ReactNode }) {
  return <div className="report">{children}</div>;
}
