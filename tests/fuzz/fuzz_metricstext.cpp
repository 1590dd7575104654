// SPDX-License-Identifier: GPL-3.0-or-later
// OpenMetrics and Prometheus text exposition. Input byte 0 picks the dialect and the built-in profile (none,
// kube-state-metrics, dcgm-exporter, node-exporter) and whether a signed scrape time applies.
// Property: fuzzingest.h (strict/lint agreement, finite values).
#include "fuzzingest.h"

using namespace capaudit;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Input in(data, size);
    const uint8_t choice = in.byte();
    static const char* const profiles[] = { "", "kube-state-metrics", "dcgm-exporter", "node-exporter" };
    TelemetryPayload payload;
    payload.path = QStringLiteral("data/metrics.txt");
    payload.format = choice & 1 ? QStringLiteral("openmetrics-text") : QStringLiteral("prometheus-text");
    payload.profile = QString::fromLatin1(profiles[(choice >> 1) & 3]);
    if (choice & 8)
        payload.scrapeTime = 1788220800;
    if (choice & 16)
        payload.defaultNode = QStringLiteral("node-1");
    fuzz::checkTelemetryImport(payload, in.rest());
    return 0;
}
