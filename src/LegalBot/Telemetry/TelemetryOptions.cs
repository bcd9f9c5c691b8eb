namespace LegalBot.Telemetry;

/// <summary><c>Telemetry</c>: where traces and metrics go. Nothing is exported unless configured.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// An OTLP collector (for example <c>http://localhost:4317</c> for gRPC); traces and metrics are exported to it when
    /// set. The standard <c>OTEL_EXPORTER_OTLP_*</c> environment variables refine it (protocol, headers).
    /// </summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serves the metrics for a Prometheus scrape at <see cref="PrometheusPath"/>.</summary>
    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";
}
