// SPDX-License-Identifier: GPL-3.0-or-later
// OTLP JSON metrics (with the test suite's OTLP mapping file) and Prometheus query_range JSON; input byte 0 picks
// which. Property: fuzzingest.h (strict/lint agreement, finite values).
#include "fuzzingest.h"
#include "ingest/promqueryjson.h"

#include <QFile>

using namespace capaudit;

namespace {

QByteArray otlpMapping()
{
    static const QByteArray mapping = [] {
        QFile file(QStringLiteral(CAPAUDIT_TEST_DATA_DIR "/ingest/otlp-mapping.json"));
        if (!file.open(QIODevice::ReadOnly))
            fuzz::fail("cannot read the OTLP mapping fixture", file.fileName());
        return file.readAll();
    }();
    return mapping;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    fuzz::Input in(data, size);
    const uint8_t choice = in.byte();
    TelemetryPayload payload;
    payload.path = QStringLiteral("data/metrics.json");
    QByteArray mapping;
    if (choice & 1) {
        payload.format = QString::fromLatin1(kQueryRangeJsonFormat);
        payload.profile = QStringLiteral("node-exporter");
        payload.query = QStringLiteral("node_cpu_seconds_total");
        payload.stepMillis = choice & 2 ? 60000 : 0;
    } else {
        payload.format = QStringLiteral("otlp-json");
        payload.mapping = QStringLiteral("data/mapping.json");
        mapping = otlpMapping();
    }
    fuzz::checkTelemetryImport(payload, in.rest(), mapping);
    return 0;
}
