// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/demogenerator.h"

#include "crypto/digest.h"
#include "demo/attestationwriter.h"
#include "demo/demoformat.h"
#include "demo/demopki.h"
#include "demo/faultrecords.h"
#include "demo/focuswriter.h"
#include "demo/invoicewriter.h"
#include "demo/readme.h"
#include "demo/splitview.h"
#include "demo/telemetrypayloads.h"
#include "demo/usagecsvwriter.h"
#include "evidence/bundlewriter.h"
#include "ingest/usagecsv.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QFile>

#include <cmath>

namespace capaudit::demo {

namespace {

constexpr int kTelemetryChunkDays = 7;

QJsonObject periodJson(qint64 start, qint64 end)
{
    return { { QStringLiteral("start"), QString::fromLatin1(rfc3339(start)) },
        { QStringLiteral("end"), QString::fromLatin1(rfc3339(end)) } };
}

QString dateText(qint64 t, const char* format = "yyyy-MM-dd")
{
    return QDateTime::fromSecsSinceEpoch(t, Qt::UTC).toString(QLatin1String(format));
}

// Forms vary on purpose so that import handles every container: directories, .tar.gz and .zip.
QString telemetryForm(int provider, int chunk)
{
    switch (provider % 3) {
    case 0:
        return {};
    case 1:
        return QStringLiteral(".tar.gz");
    default:
        return chunk % 2 ? QStringLiteral(".zip") : QString();
    }
}

QString billingForm(int provider)
{
    static const QString forms[] = { QStringLiteral(".zip"), QString(), QStringLiteral(".tar.gz") };
    return forms[provider % 3];
}

class Generator {
public:
    Generator(const DemoModel& model, const DemoPki& pki, const QString& outDir,
        const std::function<void(const QString&)>& progress)
        : m_model(model)
        , m_pki(pki)
        , m_out(outDir)
        , m_progress(progress)
    {
    }

    Status run();
    DemoSummary summary;
    FaultEvidence evidence;

private:
    Status write(const BundleSpec& spec, DemoBundle bundle);
    Status writeTelemetry(int provider);
    Status writeTenantOnly(int provider);
    Status writeMeter(int provider);
    Status writeAttestation(int provider); // the original and, with a re-issue fault, the re-issued version
    Status writeAttestationVersion(
        const DemoModel& model, int provider, const QDateTime& signedAt, const QString& suffix);
    Status writeBilling(int provider);
    Status writeInvoice(int provider, const DemoInvoice& invoice, qint64 signedAt);
    Status tamper(const DemoBundle& bundle, const BundleFile& file);
    Status splitView(int provider);

    const DemoModel& m_model;
    const DemoPki& m_pki;
    QString m_out;
    const std::function<void(const QString&)>& m_progress;
};

Status Generator::write(const BundleSpec& spec, DemoBundle bundle)
{
    for (const BundleFile& f : spec.files)
        bundle.dataDigests.insert(QStringLiteral("data/") + f.name, crypto::sha256Hex(f.content));
    if (bundle.expectedVerdict.isEmpty())
        bundle.expectedVerdict = QStringLiteral("verified");
    if (Status s = writeBundle(spec, QDir(m_out).filePath(bundle.path)); !s.ok())
        return s;
    summary.usageRows += bundle.expectedVerdict == u"verified" ? bundle.usageRows : 0;
    summary.billingRows += bundle.expectedVerdict == u"verified" ? bundle.billingRows : 0;
    summary.bundles.append(bundle);
    if (m_progress)
        m_progress(bundle.path);
    return Status::success();
}

Status Generator::writeTelemetry(int provider)
{
    const DemoProvider& p = m_model.providers[provider];
    const qint64 perChunk = kTelemetryChunkDays * m_model.stepsPerDay();
    const qint64 steps = m_model.config.stepCount();
    for (int chunk = 0; qint64(chunk) * perChunk < steps; ++chunk) {
        const qint64 first = chunk * perChunk, end = std::min(steps, first + perChunk);
        const TelemetryPayloadSet payloads = providerTelemetry(m_model, provider, first, end);
        BundleSpec spec;
        spec.kind = BundleKind::Telemetry;
        spec.predicate = { { QStringLiteral("provider"), p.name },
            { QStringLiteral("meter"), QStringLiteral("provider") },
            { QStringLiteral("period"), periodJson(m_model.stepTime(first), m_model.stepTime(end)) },
            { QStringLiteral("resolutionSeconds"),
                double(m_model.config.stepSeconds
                    * (provider == m_model.faults.declaredStepProvider && chunk == 0 ? 2 : 1)) },
            { QStringLiteral("payloads"), payloads.descriptors } };
        spec.files = payloads.files;
        spec.key = m_pki.providers[provider].signer.key;
        spec.chain = m_pki.providers[provider].signer.chain;
        spec.signedAt = QDateTime::fromSecsSinceEpoch(m_model.stepTime(end) + 3600, Qt::UTC);
        DemoBundle bundle;
        const QString name = QStringLiteral("bundles/%1-telemetry-%2").arg(p.id, dateText(m_model.stepTime(first)));
        bundle.path = name + telemetryForm(provider, chunk);
        bundle.kind = spec.kind;
        bundle.provider = p.name;
        bundle.signerRole = QLatin1String(roles::kProvider);
        bundle.periodStart = m_model.stepTime(first);
        bundle.periodEnd = m_model.stepTime(end);
        bundle.usageRows = payloads.rows;
        if (Status s = write(spec, bundle); !s.ok())
            return s;

        if (provider == m_model.faults.tamperedProvider && chunk == m_model.faults.tamperedPeriod) {
            // The same evidence "re-sent through the customer portal" three days later; someone edits it after signing.
            spec.signedAt = spec.signedAt.addDays(3);
            DemoBundle copy = bundle;
            copy.path = name + QStringLiteral("-resent");
            copy.expectedVerdict = QStringLiteral("rejected");
            copy.expectedFailedCheck = QLatin1String(checks::kSubjects);
            if (Status s = write(spec, copy); !s.ok())
                return s;
            if (Status s = tamper(summary.bundles.last(), spec.files.first()); !s.ok())
                return s;
        }
    }
    if (provider == m_model.faults.tenantOnlyProvider)
        return writeTenantOnly(provider);
    return Status::success();
}

// A second, well-signed bundle that holds only tenant rows for steps the regular bundle already reports.
Status Generator::writeTenantOnly(int provider)
{
    const DemoProvider& p = m_model.providers[provider];
    const FaultPlan& f = m_model.faults;
    const QByteArray csv = tenantRowsCsv(m_model, provider, f.tenantOnlyNode, f.tenantOnlyFirst, f.tenantOnlyEnd);
    BundleSpec spec;
    spec.kind = BundleKind::Telemetry;
    spec.predicate = { { QStringLiteral("provider"), p.name }, { QStringLiteral("meter"), QStringLiteral("provider") },
        { QStringLiteral("period"),
            periodJson(m_model.stepTime(f.tenantOnlyFirst), m_model.stepTime(f.tenantOnlyEnd)) },
        { QStringLiteral("resolutionSeconds"), double(m_model.config.stepSeconds) },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/usage.csv") },
                { QStringLiteral("format"), QLatin1String(kUsageCsvFormat) } } } } };
    spec.files = { { QStringLiteral("usage.csv"), csv } };
    spec.key = m_pki.providers[provider].signer.key;
    spec.chain = m_pki.providers[provider].signer.chain;
    spec.signedAt = QDateTime::fromSecsSinceEpoch(m_model.stepTime(f.tenantOnlyEnd) + 3600, Qt::UTC);
    DemoBundle bundle;
    bundle.path =
        QStringLiteral("bundles/%1-telemetry-%2-extra").arg(p.id, dateText(m_model.stepTime(f.tenantOnlyFirst)));
    bundle.kind = spec.kind;
    bundle.provider = p.name;
    bundle.signerRole = QLatin1String(roles::kProvider);
    bundle.periodStart = m_model.stepTime(f.tenantOnlyFirst);
    bundle.periodEnd = m_model.stepTime(f.tenantOnlyEnd);
    bundle.usageRows = csv.count('\n') - 1;
    return write(spec, bundle);
}

// Changes the allocation of one tenant row in the middle of the file: a plausible, small edit (the kind that would
// lower a bill) that leaves the CSV well-formed, so only the signature's digest can tell.
Status Generator::tamper(const DemoBundle& bundle, const BundleFile& file)
{
    QList<QByteArray> lines = file.content.split('\n');
    for (qsizetype i = lines.size() / 2; i < lines.size(); ++i) {
        QList<QByteArray> fields = lines[i].split(',');
        if (fields.size() != 8 || fields[3].isEmpty() || fields[4].toDouble() < 2)
            continue;
        evidence.tamperedOriginal = QString::fromUtf8(lines[i]);
        fields[4] = decimalText(std::floor(fields[4].toDouble() / 2));
        lines[i] = fields.join(',');
        evidence.tamperedReplacement = QString::fromUtf8(lines[i]);
        evidence.tamperedLine = i + 1;
        evidence.tamperedBundle = bundle.path;
        evidence.tamperedFile = QStringLiteral("data/") + file.name;
        const QByteArray content = lines.join('\n');
        const QString path = QDir(m_out).filePath(bundle.path + QStringLiteral("/data/") + file.name);
        if (Status s = writeFileAtomically(path, content); !s.ok())
            return s;
        summary.bundles.last().dataDigests[evidence.tamperedFile] = crypto::sha256Hex(content);
        return Status::success();
    }
    return Error(bundle.path, QStringLiteral("no tenant row to tamper with"));
}

Status Generator::writeMeter(int provider)
{
    const DemoProvider& p = m_model.providers[provider];
    const qint64 steps = m_model.config.stepCount();
    const TelemetryPayloadSet payloads = meterTelemetry(m_model, provider, 0, steps);
    BundleSpec spec;
    spec.kind = BundleKind::Telemetry;
    spec.predicate = { { QStringLiteral("provider"), p.name },
        { QStringLiteral("meter"), QStringLiteral("independent") },
        { QStringLiteral("period"), periodJson(m_model.stepTime(0), m_model.stepTime(steps)) },
        { QStringLiteral("resolutionSeconds"), double(std::max<qint64>(m_model.config.stepSeconds, 900)) },
        { QStringLiteral("payloads"), payloads.descriptors } };
    spec.files = payloads.files;
    spec.key = m_pki.meter.key;
    spec.chain = m_pki.meter.chain;
    spec.signedAt = QDateTime::fromSecsSinceEpoch(m_model.stepTime(steps) + 7200, Qt::UTC);
    DemoBundle bundle;
    bundle.path = QStringLiteral("bundles/meter-%1-telemetry-%2.tar.gz").arg(p.id, dateText(m_model.stepTime(0)));
    bundle.kind = spec.kind;
    bundle.provider = p.name;
    bundle.signerRole = QLatin1String(roles::kIndependentMeter);
    bundle.periodStart = m_model.stepTime(0);
    bundle.periodEnd = m_model.stepTime(steps);
    bundle.usageRows = payloads.rows;
    return write(spec, bundle);
}

Status Generator::writeAttestation(int provider)
{
    // Signed the day before the contract period starts.
    if (Status s = writeAttestationVersion(m_model, provider, m_model.config.start.addSecs(-14 * 3600), {}); !s.ok())
        return s;
    if (!m_model.faults.reissues(provider))
        return Status::success();
    // Re-issued by the provider itself two days after the period ended, restating the contract to its advantage: the
    // bundle verifies like any other, only what it says and when it was signed give it away.
    DemoModel restated = m_model;
    DemoProvider& p = restated.providers[provider];
    if (provider == m_model.faults.relocationProvider) {
        DemoNode& node = p.nodes[m_model.faults.jurisdictionNode];
        node.regionId = p.regions[node.region].id;
        node.jurisdiction = p.regions[node.region].jurisdiction;
    }
    if (provider == m_model.faults.slaTargetProvider)
        p.availabilityTarget = m_model.faults.reissuedSlaTarget;
    const QDateTime signedAt =
        QDateTime::fromSecsSinceEpoch(m_model.config.endSeconds() + 2 * 86400 + 10 * 3600, Qt::UTC);
    evidence.reissuedBundles.insert(provider,
        QStringLiteral("bundles/%1-attestation-%2-reissued").arg(p.id, dateText(m_model.config.startSeconds())));
    evidence.reissuedSignedAt.insert(provider, signedAt.toSecsSinceEpoch());
    return writeAttestationVersion(restated, provider, signedAt, QStringLiteral("-reissued"));
}

Status Generator::writeAttestationVersion(
    const DemoModel& model, int provider, const QDateTime& signedAt, const QString& suffix)
{
    const DemoProvider& p = model.providers[provider];
    BundleSpec spec;
    spec.kind = BundleKind::Attestation;
    spec.predicate = attestationPredicate(model, provider);
    spec.files = { { QStringLiteral("contract.md"), contractSummary(model, provider) } };
    spec.key = m_pki.providers[provider].signer.key;
    spec.chain = m_pki.providers[provider].signer.chain;
    spec.signedAt = signedAt;
    DemoBundle bundle;
    bundle.path = QStringLiteral("bundles/%1-attestation-%2").arg(p.id, dateText(model.config.startSeconds())) + suffix;
    bundle.kind = spec.kind;
    bundle.provider = p.name;
    bundle.signerRole = QLatin1String(roles::kProvider);
    bundle.periodStart = model.config.startSeconds();
    bundle.periodEnd = model.config.endSeconds();
    return write(spec, bundle);
}

Status Generator::writeBilling(int provider)
{
    const DemoProvider& p = m_model.providers[provider];
    const QDate first = m_model.config.start.date();
    bool reissued = false;
    bool firstInvoice = true;
    for (qint64 day = 0; day < m_model.config.days;) {
        const QDate d = first.addDays(day);
        const QDate monthStart(d.year(), d.month(), 1);
        const QDate nextMonth = monthStart.addMonths(1);
        const qint64 endDay = std::min<qint64>(m_model.config.days, first.daysTo(nextMonth));
        const qint64 periodStart = QDateTime(monthStart, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const qint64 periodEnd = QDateTime(nextMonth, QTime(0, 0), Qt::UTC).toSecsSinceEpoch();
        const FocusInvoice inv = focusInvoice(m_model, provider, day, endDay, periodStart, periodEnd);
        evidence.measuredQuantity += inv.measuredQuantity;
        evidence.billedQuantity += inv.billedQuantity;
        evidence.overBilledAmount += inv.overBilledAmount;
        evidence.billing += inv.billing;
        const qint64 issuedAt = m_model.config.startSeconds() + endDay * 86400 + 2 * 86400 + 9 * 3600;
        BundleSpec spec;
        spec.kind = BundleKind::Billing;
        spec.predicate = { { QStringLiteral("provider"), p.name },
            { QStringLiteral("invoice"),
                QJsonObject { { QStringLiteral("id"), inv.invoiceId },
                    { QStringLiteral("issuedAt"), QString::fromLatin1(rfc3339(issuedAt)) } } },
            { QStringLiteral("period"), periodJson(periodStart, periodEnd) },
            { QStringLiteral("currency"), m_model.currency },
            { QStringLiteral("payloads"),
                QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/focus.csv") },
                    { QStringLiteral("format"), QStringLiteral("focus-csv") },
                    { QStringLiteral("focusVersion"), QStringLiteral("1.2") } } } } };
        spec.files = { { QStringLiteral("focus.csv"), inv.csv } };
        spec.key = m_pki.providers[provider].signer.key;
        spec.chain = m_pki.providers[provider].signer.chain;
        spec.signedAt = QDateTime::fromSecsSinceEpoch(issuedAt, Qt::UTC);
        DemoBundle bundle;
        const QString name = QStringLiteral("bundles/%1-billing-%2").arg(p.id, dateText(periodStart, "yyyy-MM"));
        bundle.path = name + billingForm(provider);
        bundle.kind = spec.kind;
        bundle.provider = p.name;
        bundle.signerRole = QLatin1String(roles::kProvider);
        bundle.periodStart = periodStart;
        bundle.periodEnd = periodEnd;
        bundle.billingRows = inv.rows;
        if (Status s = write(spec, bundle); !s.ok())
            return s;
        // The EN 16931 invoice the FOCUS file details, signed an hour after it.
        const DemoInvoice einvoice = demoInvoice(m_model, provider, inv, issuedAt, firstInvoice, evidence.invoice);
        firstInvoice = false;
        if (Status s = writeInvoice(provider, einvoice, issuedAt + 3600); !s.ok())
            return s;
        if (provider == m_model.faults.expiredProvider && !reissued) {
            // Re-issued a few days later by a system still configured with the retired signing certificate.
            reissued = true;
            const DemoSigner& old = m_pki.providers[provider].expiredSigner;
            spec.key = old.key;
            spec.chain = old.chain;
            spec.signedAt = spec.signedAt.addDays(5);
            DemoBundle copy = bundle;
            copy.path = name + QStringLiteral("-reissued.zip");
            copy.expectedVerdict = QStringLiteral("rejected");
            copy.expectedFailedCheck = QLatin1String(checks::kValidity);
            evidence.expiredBundle = copy.path;
            evidence.expiredSignedAt = spec.signedAt.toSecsSinceEpoch();
            evidence.expiredNotAfter = old.chain.first().notAfter().toSecsSinceEpoch();
            if (Status s = write(spec, copy); !s.ok())
                return s;
        }
        day = endDay;
    }
    return Status::success();
}

// The provider's first attestation and first telemetry bundle (both directories): one logged in the demo log, the
// other in a fork of it.
Status Generator::splitView(int provider)
{
    const QString name = m_model.providers[provider].name;
    QStringList dirs;
    for (const BundleKind kind : { BundleKind::Attestation, BundleKind::Telemetry })
        for (const DemoBundle& b : std::as_const(summary.bundles))
            if (b.provider == name && b.kind == kind && b.expectedVerdict == u"verified") {
                dirs.append(b.path);
                break;
            }
    Result<SplitViewTruth> truth = writeSplitView(m_out, dirs, m_pki.logKey);
    if (!truth)
        return truth.error();
    evidence.splitView = *truth;
    return Status::success();
}

Status Generator::writeInvoice(int provider, const DemoInvoice& invoice, qint64 signedAt)
{
    const DemoProvider& p = m_model.providers[provider];
    BundleSpec spec;
    spec.kind = BundleKind::Invoice;
    spec.predicate = { { QStringLiteral("provider"), p.name },
        { QStringLiteral("period"), periodJson(invoice.periodStart, invoice.periodEnd) },
        { QStringLiteral("payloads"),
            QJsonArray { QJsonObject { { QStringLiteral("path"), QStringLiteral("data/invoice.xml") },
                             { QStringLiteral("format"), invoice.syntax } },
                QJsonObject { { QStringLiteral("path"), QStringLiteral("data/invoice.pdf") },
                    { QStringLiteral("format"), QStringLiteral("pdf") } } } } };
    spec.files = { { QStringLiteral("invoice.xml"), invoiceXml(invoice) },
        { QStringLiteral("invoice.pdf"), invoicePdf(invoice) } };
    spec.key = m_pki.providers[provider].signer.key;
    spec.chain = m_pki.providers[provider].signer.chain;
    spec.signedAt = QDateTime::fromSecsSinceEpoch(signedAt, Qt::UTC);
    DemoBundle bundle;
    bundle.path = QStringLiteral("bundles/%1-invoice-%2%3")
                      .arg(p.id, dateText(invoice.periodStart, "yyyy-MM"), billingForm(provider));
    bundle.kind = spec.kind;
    bundle.provider = p.name;
    bundle.signerRole = QLatin1String(roles::kProvider);
    bundle.periodStart = invoice.periodStart;
    bundle.periodEnd = invoice.periodEnd;
    return write(spec, bundle);
}

Status Generator::run()
{
    for (int p = 0; p < m_model.providers.size(); ++p) {
        if (Status s = writeAttestation(p); !s.ok())
            return s;
        if (Status s = writeTelemetry(p); !s.ok())
            return s;
        if (Status s = writeBilling(p); !s.ok())
            return s;
        if (p == m_model.faults.splitViewProvider)
            if (Status s = splitView(p); !s.ok())
                return s;
    }
    return writeMeter(kMeteredProvider);
}

Status writePki(const DemoModel& model, const DemoPki& pki, const QString& dir)
{
    auto save = [&](const QString& name, const QByteArray& bytes) {
        return writeFileAtomically(QDir(dir).filePath(name), bytes);
    };
    auto chainPem = [](const DemoSigner& s) {
        QByteArray pem;
        for (const crypto::Certificate& c : s.chain)
            pem += c.toPem();
        return pem;
    };
    if (!QDir().mkpath(dir))
        return Error(dir, QStringLiteral("cannot create directory"));
    for (int i = 0; i < model.providers.size(); ++i) {
        const QString id = model.providers[i].id;
        if (Status s = save(id + QStringLiteral("-signer.key.pem"), pki.providers[i].signer.key.toPem()); !s.ok())
            return s;
        if (Status s = save(id + QStringLiteral("-signer-chain.pem"), chainPem(pki.providers[i].signer)); !s.ok())
            return s;
    }
    if (Status s = save(QStringLiteral("meter-signer.key.pem"), pki.meter.key.toPem()); !s.ok())
        return s;
    return save(QStringLiteral("meter-signer-chain.pem"), chainPem(pki.meter));
}

} // namespace

QJsonObject DemoBundle::toJson() const
{
    QJsonObject data;
    for (auto it = dataDigests.cbegin(); it != dataDigests.cend(); ++it)
        data.insert(it.key(), it.value());
    QJsonObject o { { QStringLiteral("path"), path }, { QStringLiteral("kind"), bundleKindName(kind) },
        { QStringLiteral("provider"), provider }, { QStringLiteral("signerRole"), signerRole },
        { QStringLiteral("period"), periodJson(periodStart, periodEnd) },
        { QStringLiteral("expectedVerdict"), expectedVerdict }, { QStringLiteral("data"), data } };
    if (!expectedFailedCheck.isEmpty())
        o.insert(QStringLiteral("expectedFailedCheck"), expectedFailedCheck);
    if (kind == BundleKind::Telemetry)
        o.insert(QStringLiteral("usageRows"), double(usageRows));
    if (kind == BundleKind::Billing)
        o.insert(QStringLiteral("billingRows"), billingRows);
    return o;
}

Result<DemoSummary> generateDemo(
    const DemoConfig& config, const QString& outDir, const std::function<void(const QString&)>& progress)
{
    if (Status s = config.validate(); !s.ok())
        return s.error();
    const QDir dir(outDir);
    if (dir.exists() && !dir.isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        return Error(outDir, QStringLiteral("exists and is not empty; the demo never overwrites evidence"));
    if (!QDir().mkpath(outDir))
        return Error(outDir, QStringLiteral("cannot create directory"));

    const DemoModel model = buildModel(config);
    const Result<DemoPki> pki = buildPki(model);
    if (!pki.ok())
        return pki.error();
    const Result<TrustStore> trust = demoTrustStore(model, *pki);
    if (!trust.ok())
        return trust.error();
    if (Status s = trust->saveDirectory(dir.filePath(QStringLiteral("trust"))); !s.ok())
        return s.error();
    if (Status s = writePki(model, *pki, dir.filePath(QStringLiteral("pki"))); !s.ok())
        return s.error();

    Generator generator(model, *pki, outDir, progress);
    if (Status s = generator.run(); !s.ok())
        return s.error();
    DemoSummary summary = generator.summary;
    summary.providers = int(model.providers.size());
    summary.tenants = int(model.tenants.size());
    for (const DemoProvider& p : model.providers)
        summary.nodes += int(p.nodes.size());
    summary.faults = faultRecords(model, generator.evidence);

    const QJsonObject faults { { QStringLiteral("seed"), QString::number(config.seed) },
        { QStringLiteral("faults"), summary.faults } };
    if (Status s = writeFileAtomically(dir.filePath(QStringLiteral("faults.json")), prettyJson(faults)); !s.ok())
        return s.error();
    QJsonArray bundles;
    for (const DemoBundle& b : summary.bundles)
        bundles.append(b.toJson());
    const QJsonObject manifest { { QStringLiteral("configuration"), configurationJson(config) },
        { QStringLiteral("bundles"), bundles } };
    if (Status s = writeFileAtomically(dir.filePath(QStringLiteral("manifest.json")), prettyJson(manifest)); !s.ok())
        return s.error();
    if (Status s = writeFileAtomically(dir.filePath(QStringLiteral("README.txt")), readmeText(model, summary)); !s.ok())
        return s.error();
    return summary;
}

} // namespace capaudit::demo
