// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/bundlelint.h"

#include "archive/archiveformat.h"
#include "archive/bundlesource.h"
#include "evidence/truststore.h"
#include "evidence/verifier.h"
#include "ingest/einvoice.h"
#include "ingest/focuscsv.h"
#include "ingest/payloadimport.h"
#include "ingest/usagecsv.h"
#include "store/importrun.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace capaudit {
namespace {

// Counts what a parser emits; nothing is kept.
class CountingSink final : public UsageSink, public BillingSink {
public:
    Status addSample(const UsageSample&) override
    {
        ++rows;
        return {};
    }
    Status addBillingRecord(const BillingRecord&) override
    {
        ++rows;
        return {};
    }
    qint64 rows = 0;
};

QString detectFormat(const QString& path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == u"csv") {
        QFile f(path);
        const QByteArray head = f.open(QIODevice::ReadOnly) ? f.readLine(64 * 1024) : QByteArray();
        return head.contains("BilledCost") ? QStringLiteral("focus-csv") : QString::fromLatin1(kUsageCsvFormat);
    }
    if (suffix == u"json")
        return QStringLiteral("otlp-json");
    if (suffix == u"om" || suffix == u"openmetrics")
        return QStringLiteral("openmetrics-text");
    return QStringLiteral("prometheus-text");
}

void lintTelemetry(const TelemetryPayload& payload, QIODevice& in, const QByteArray& mapping, LintReport& report)
{
    CountingSink sink;
    RowErrorLog rowErrors;
    const Status s = importTelemetryPayload(payload, in, mapping, sink, nullptr, &rowErrors);
    report.rows += sink.rows;
    report.errors.append(rowErrors.kept());
    if (rowErrors.total() > rowErrors.kept().size())
        report.errors.append(Error(payload.path, 0, {},
            QStringLiteral("%1 more bad line(s) not listed (%2 in all)")
                .arg(rowErrors.total() - rowErrors.kept().size())
                .arg(rowErrors.total())));
    if (!s.ok())
        report.errors.append(s.error());
}

void lintBilling(const BillingPayload& payload, QIODevice& in, LintReport& report)
{
    CountingSink sink;
    const Status s = importBillingPayload(payload, in, sink, &report.quality);
    report.rows += sink.rows;
    if (!s.ok())
        report.errors.append(s.error());
}

bool trustDependent(const QString& check)
{
    return check == QLatin1String(checks::kChain) || check == QLatin1String(checks::kValidity)
        || check == QLatin1String(checks::kRevocation) || check == QLatin1String(checks::kTrust)
        || check == QLatin1String(checks::kTransparency);
}

} // namespace

QStringList LintReport::lines() const
{
    QStringList out;
    for (const Error& e : errors)
        out.append(QStringLiteral("error: ") + e.toString());
    for (const DataQualityLog::Group& g : quality.groups())
        out.append((g.quarantine ? QStringLiteral("error: ") : QStringLiteral("note: ")) + DataQualityLog::describe(g));
    for (const QString& note : notes)
        out.append(QStringLiteral("note: ") + note);
    return out;
}

QJsonObject LintReport::toJson() const
{
    QJsonArray errorJson;
    for (const Error& e : errors)
        errorJson.append(QJsonObject { { QStringLiteral("file"), e.file }, { QStringLiteral("line"), e.line },
            { QStringLiteral("field"), e.field }, { QStringLiteral("reason"), e.reason } });
    return { { QStringLiteral("path"), path }, { QStringLiteral("ok"), !hasErrors() }, { QStringLiteral("rows"), rows },
        { QStringLiteral("quarantinedRows"), quality.quarantinedRows() }, { QStringLiteral("errors"), errorJson },
        { QStringLiteral("dataQuality"), quality.toJson() } };
}

LintReport lintPayloadFile(const QString& path, const LintOptions& options)
{
    LintReport report;
    report.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        report.errors.append(Error(path, QStringLiteral("cannot read: %1").arg(file.errorString())));
        return report;
    }
    const QString format = options.format.isEmpty() ? detectFormat(path) : options.format;
    if (format == QLatin1String("focus-csv")) {
        BillingPayload payload;
        payload.path = path;
        payload.format = format;
        payload.focusVersion = options.focusVersion;
        lintBilling(payload, file, report);
    } else {
        TelemetryPayload payload;
        payload.path = path;
        payload.format = format;
        payload.profile = options.profile;
        lintTelemetry(payload, file, {}, report);
    }
    return report;
}

bool looksLikeBundle(const QString& path)
{
    const QFileInfo info(path);
    if (info.isDir())
        return QFileInfo::exists(QDir(path).filePath(QStringLiteral("envelope.dsse.json")))
            || QFileInfo::exists(QDir(path).filePath(QStringLiteral("envelope.sigstore.json")));
    return isArchivePath(path);
}

LintReport lintBundle(const QString& path)
{
    LintReport report;
    report.path = path;
    Result<BundleSource> source = BundleSource::open(path);
    if (!source) {
        report.errors.append(source.error());
        return report;
    }
    Result<TrustStore> noAnchors = TrustStore::fromAnchors({});
    if (!noAnchors) {
        report.errors.append(noAnchors.error());
        return report;
    }
    const Verdict verdict = BundleVerifier(*noAnchors).verify(*source);
    // Without a certificate chain the signer is a pinned key: only a trust store holding it can check the signature.
    const bool pinned = !source->contains(QStringLiteral("certs/chain.pem"));
    for (const Check& check : verdict.checks) {
        if (check.status != CheckStatus::Fail || trustDependent(check.id))
            continue;
        if (pinned && check.id == QLatin1String(checks::kSignature))
            report.notes.append(QStringLiteral("%1: signature not checked (pinned-key signer; verify it with the "
                                               "trust store that pins the key)")
                                    .arg(path));
        else
            report.errors.append(Error(path, 0, check.id, check.reason));
    }
    if (verdict.predicate.isEmpty())
        return report;
    LintReport payloads =
        lintStatement(verdict.kind, verdict.predicate, [&](const QString& file) -> Result<std::unique_ptr<QIODevice>> {
            if (!source->contains(file))
                return Error(QStringLiteral("statement predicate"), 0, QStringLiteral("payloads"),
                    QStringLiteral("payload %1 is not in the bundle").arg(file));
            auto device = std::make_unique<QFile>(source->absolutePath(file));
            if (!device->open(QIODevice::ReadOnly))
                return Error(file, QStringLiteral("cannot read: %1").arg(device->errorString()));
            return std::unique_ptr<QIODevice>(std::move(device));
        });
    report.errors.append(payloads.errors);
    report.rows = payloads.rows;
    report.quality = payloads.quality;
    return report;
}

LintReport lintStatement(BundleKind kind, const QJsonObject& predicate, const PayloadOpener& open)
{
    LintReport report;
    Verdict verdict;
    verdict.kind = kind;
    verdict.predicate = predicate;
    verdict.predicateType = bundleKindName(kind);
    Result<ImportPlan> plan = planImport(verdict);
    if (!plan) {
        report.errors.append(plan.error());
        return report;
    }
    for (const TelemetryPayload& p : std::as_const(plan->telemetry)) {
        QByteArray mapping;
        if (!p.mapping.isEmpty()) {
            Result<std::unique_ptr<QIODevice>> device = open(p.mapping);
            if (!device) {
                report.errors.append(device.error());
                continue;
            }
            mapping = (*device)->readAll();
        }
        Result<std::unique_ptr<QIODevice>> device = open(p.path);
        if (!device)
            report.errors.append(device.error());
        else
            lintTelemetry(p, **device, mapping, report);
    }
    for (const BillingPayload& p : std::as_const(plan->billing)) {
        Result<std::unique_ptr<QIODevice>> device = open(p.path);
        if (!device)
            report.errors.append(device.error());
        else
            lintBilling(p, **device, report);
    }
    for (const InvoicePayload& p : std::as_const(plan->invoices)) {
        if (!p.isXml())
            continue;
        Result<std::unique_ptr<QIODevice>> device = open(p.path);
        if (!device) {
            report.errors.append(device.error());
            continue;
        }
        const QByteArray bytes = (*device)->read(EInvoiceLimits {}.maxBytes + 1);
        Result<EInvoice> invoice = parseEInvoice(bytes, p.path);
        if (!invoice)
            report.errors.append(invoice.error());
        else
            report.rows += 1 + invoice->lines.size();
    }
    return report;
}

} // namespace capaudit
