// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/predicates.h"

#include "ingest/jsonreader.h"
#include "ingest/promqueryjson.h"

#include <QRegularExpression>

#include <algorithm>

namespace capaudit {

namespace {

using R = JsonObjectReader;
constexpr auto kOptional = JsonObjectReader::Optional;

QLatin1StringView k(const char* key)
{
    return QLatin1StringView(key);
}

bool isCurrencyCode(const QString& code)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{3}$"));
    return re.match(code).hasMatch();
}

QString bundlePath(R& r, const char* key, JsonObjectReader::Presence presence)
{
    const QString path = r.string(k(key), presence);
    if (!path.isEmpty() && (!isSafeBundlePath(path) || !path.startsWith(QLatin1String("data/"))))
        r.fail(r.pointer(k(key)), QStringLiteral("'%1' is not a relative path under data/ in the bundle").arg(path));
    return path;
}

QString currency(R& r, const char* key, JsonObjectReader::Presence presence)
{
    const QString code = r.string(k(key), presence);
    if (!code.isEmpty() && !isCurrencyCode(code))
        r.fail(r.pointer(k(key)), QStringLiteral("'%1' is not an ISO 4217 currency code like EUR").arg(code));
    return code;
}

// Prometheus duration ("15s", "1m30s", "500ms") or a number of seconds, as the step parameter of query_range takes.
std::optional<qint64> parseStepMillis(const QJsonValue& value)
{
    if (value.isDouble()) {
        const double ms = value.toDouble() * 1000.0;
        if (!(ms >= 1 && ms < 1e15))
            return std::nullopt;
        return static_cast<qint64>(ms);
    }
    static const QRegularExpression re(QStringLiteral("^(?:(\\d+)(ms|s|m|h|d|w|y))+$"));
    const QString text = value.toString();
    if (!re.match(text).hasMatch())
        return std::nullopt;
    static const QRegularExpression part(QStringLiteral("(\\d+)(ms|s|m|h|d|w|y)"));
    qint64 total = 0;
    for (auto it = part.globalMatch(text); it.hasNext();) {
        const auto m = it.next();
        const qint64 n = m.captured(1).toLongLong();
        const QString unit = m.captured(2);
        const qint64 per = unit == QLatin1String("ms") ? 1
            : unit == QLatin1String("s")               ? 1000
            : unit == QLatin1String("m")               ? 60'000
            : unit == QLatin1String("h")               ? 3'600'000
            : unit == QLatin1String("d")               ? 86'400'000
            : unit == QLatin1String("w")               ? 604'800'000
                                                       : 31'536'000'000;
        if (n > 1'000'000'000)
            return std::nullopt;
        total += n * per;
    }
    return total > 0 ? std::optional<qint64>(total) : std::nullopt;
}

// The facts a provider signs about how a metric payload was produced (docs/formats.md, "Scrape time and node").
void readMetricPayloadFacts(R& p, TelemetryPayload& payload, bool metricFormat)
{
    const bool text =
        payload.format == QLatin1String("openmetrics-text") || payload.format == QLatin1String("prometheus-text");
    const bool queryJson = payload.format == QLatin1String(kQueryRangeJsonFormat);
    payload.scrapeTime = p.timestamp(k("scrapeTime"), kOptional);
    if (payload.scrapeTime && !text)
        p.fail(p.pointer(k("scrapeTime")),
            QStringLiteral("only openmetrics-text and prometheus-text payloads take a scrapeTime (the other "
                           "formats carry a time on every sample)"));
    payload.defaultNode = p.string(k("defaultNode"), kOptional);
    if (!payload.defaultNode.isEmpty() && !metricFormat)
        p.fail(p.pointer(k("defaultNode")), QStringLiteral("only metric formats take a defaultNode"));
    payload.query = p.string(k("query"), queryJson ? R::Required : kOptional);
    if (!payload.query.isEmpty() && !queryJson)
        p.fail(p.pointer(k("query")), QStringLiteral("only %1 payloads take a query").arg(kQueryRangeJsonFormat));
    if (const QJsonValue step = p.raw(k("step")); !step.isUndefined()) {
        const auto millis = parseStepMillis(step);
        if (!queryJson)
            p.fail(p.pointer(k("step")), QStringLiteral("only %1 payloads take a step").arg(kQueryRangeJsonFormat));
        else if (!millis)
            p.fail(p.pointer(k("step")),
                QStringLiteral("expected a positive Prometheus duration like \"60s\" or a number of seconds"));
        payload.stepMillis = millis.value_or(0);
    }
}

} // namespace

bool isSafeBundlePath(const QString& path)
{
    if (path.isEmpty() || path.startsWith(QLatin1Char('/')) || path.contains(QLatin1Char('\\')))
        return false;
    const QStringList parts = path.split(QLatin1Char('/'));
    for (const QString& part : parts) {
        if (part.isEmpty() || part == QLatin1String(".") || part == QLatin1String(".."))
            return false;
    }
    return true;
}

Result<TelemetryPredicate> parseTelemetryPredicate(const QJsonObject& predicate, const QString& fileName)
{
    static const QStringList kFormats = { QStringLiteral("capaudit-usage-csv/v1"), QStringLiteral("openmetrics-text"),
        QStringLiteral("prometheus-text"), QStringLiteral("otlp-json"), QString::fromLatin1(kQueryRangeJsonFormat) };
    static const QStringList kProfiles = { QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter"),
        QStringLiteral("node-exporter") };

    TelemetryPredicate out;
    R r(predicate, fileName);
    out.provider = r.identifier(k("provider"));
    out.signedAt = r.timestamp(k("signedAt"), kOptional).value_or(0);
    const QString meter = r.identifier(k("meter"), kOptional);
    if (meter == QLatin1String("provider"))
        out.meter = MeterKind::Provider;
    else if (meter == QLatin1String("independent"))
        out.meter = MeterKind::Independent;
    else if (!meter.isEmpty())
        r.fail(r.pointer(k("meter")), QStringLiteral("'%1' is not 'provider' or 'independent'").arg(meter));
    if (const auto p = r.period(k("period")))
        out.period = *p;
    if (const auto res = r.integer(k("resolutionSeconds"), kOptional)) {
        if (*res <= 0)
            r.fail(r.pointer(k("resolutionSeconds")), QStringLiteral("must be positive"));
        out.resolutionSeconds = *res;
    }
    r.forEachObject(k("payloads"), R::Required, [&](R& p, qsizetype) {
        TelemetryPayload payload;
        payload.path = bundlePath(p, "path", R::Required);
        payload.format = p.string(k("format"));
        payload.profile = p.string(k("profile"), kOptional);
        payload.mapping = bundlePath(p, "mapping", kOptional);
        const bool metricFormat = payload.format != kFormats.first();
        if (!payload.format.isEmpty() && !kFormats.contains(payload.format))
            p.fail(p.pointer(k("format")),
                QStringLiteral("'%1' is not one of %2").arg(payload.format, kFormats.join(QStringLiteral(", "))));
        else if (!payload.profile.isEmpty() && !kProfiles.contains(payload.profile))
            p.fail(p.pointer(k("profile")),
                QStringLiteral("'%1' is not one of %2").arg(payload.profile, kProfiles.join(QStringLiteral(", "))));
        else if (!metricFormat && (!payload.profile.isEmpty() || !payload.mapping.isEmpty()))
            p.fail(p.pointer(k(payload.profile.isEmpty() ? "mapping" : "profile")),
                QStringLiteral("only metric formats take a profile or mapping"));
        else if (metricFormat && payload.profile.isEmpty() && payload.mapping.isEmpty())
            p.fail(p.pointer(k("profile")), QStringLiteral("a metric payload needs a profile, a mapping or both"));
        readMetricPayloadFacts(p, payload, metricFormat);
        out.payloads.append(payload);
    });
    if (!r.failed() && out.payloads.isEmpty())
        r.fail(r.pointer(k("payloads")), QStringLiteral("must list at least one payload"));
    if (Status s = r.finish(); !s.ok())
        return s.error();
    return out;
}

Result<BillingPredicate> parseBillingPredicate(const QJsonObject& predicate, const QString& fileName)
{
    static const QStringList kVersions = { QStringLiteral("1.0"), QStringLiteral("1.1"), QStringLiteral("1.2") };
    BillingPredicate out;
    R r(predicate, fileName);
    out.provider = r.identifier(k("provider"));
    out.signedAt = r.timestamp(k("signedAt"), kOptional).value_or(0);
    if (const auto invoice = r.object(k("invoice"), kOptional)) {
        R inv = r.child(*invoice, r.pointer(k("invoice")));
        out.invoiceId = inv.string(k("id"));
        out.invoiceIssuedAt = inv.timestamp(k("issuedAt"), kOptional).value_or(0);
        (void)inv.finish();
    }
    if (const auto p = r.period(k("period")))
        out.period = *p;
    out.currency = currency(r, "currency", kOptional);
    r.forEachObject(k("payloads"), R::Required, [&](R& p, qsizetype) {
        BillingPayload payload;
        payload.path = bundlePath(p, "path", R::Required);
        payload.format = p.string(k("format"));
        payload.focusVersion = p.string(k("focusVersion"), kOptional);
        if (!payload.format.isEmpty() && payload.format != QLatin1String("focus-csv"))
            p.fail(p.pointer(k("format")), QStringLiteral("'%1' is not 'focus-csv'").arg(payload.format));
        else if (!payload.focusVersion.isEmpty() && !kVersions.contains(payload.focusVersion))
            p.fail(p.pointer(k("focusVersion")),
                QStringLiteral("FOCUS version '%1' is not supported (1.0, 1.1, 1.2)").arg(payload.focusVersion));
        out.payloads.append(payload);
    });
    if (!r.failed() && out.payloads.isEmpty())
        r.fail(r.pointer(k("payloads")), QStringLiteral("must list at least one payload"));
    if (Status s = r.finish(); !s.ok())
        return s.error();
    return out;
}

Result<InvoicePredicate> parseInvoicePredicate(const QJsonObject& predicate, const QString& fileName)
{
    static const QStringList kFormats = { QStringLiteral("ubl-2.1"), QStringLiteral("cii-d16b"),
        QStringLiteral("pdf") };
    InvoicePredicate out;
    R r(predicate, fileName);
    out.provider = r.identifier(k("provider"));
    out.signedAt = r.timestamp(k("signedAt"), kOptional).value_or(0);
    if (const auto p = r.period(k("period"), kOptional))
        out.period = *p;
    r.forEachObject(k("payloads"), R::Required, [&](R& p, qsizetype) {
        InvoicePayload payload;
        payload.path = bundlePath(p, "path", R::Required);
        payload.format = p.string(k("format"));
        if (!payload.format.isEmpty() && !kFormats.contains(payload.format))
            p.fail(p.pointer(k("format")),
                QStringLiteral("'%1' is not one of %2").arg(payload.format, kFormats.join(QStringLiteral(", "))));
        out.payloads.append(payload);
    });
    const bool anyXml =
        std::any_of(out.payloads.cbegin(), out.payloads.cend(), [](const InvoicePayload& p) { return p.isXml(); });
    if (!r.failed() && !anyXml)
        r.fail(r.pointer(k("payloads")), QStringLiteral("must list at least one ubl-2.1 or cii-d16b invoice"));
    if (Status s = r.finish(); !s.ok())
        return s.error();
    return out;
}

} // namespace capaudit
