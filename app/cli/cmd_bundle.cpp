// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli bundle create: how a provider (or the demo, or a test) produces signed evidence.
#include "analytics/checkrunner.h"
#include "command.h"
#include "evidence/bundlewriter.h"
#include "store/bundlelint.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace capaudit::cli {
namespace {

Result<QByteArray> readFile(const QString& path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return Error(path, QStringLiteral("cannot read: %1").arg(f.errorString()));
    return f.readAll();
}

// A FILE argument is stored as data/<basename>; a directory contributes its files under data/<dirname>/...
Status collectPayload(const QString& path, QList<BundleFile>& files)
{
    const QFileInfo info(path);
    if (info.isDir()) {
        // Absolute on both sides: relativeFilePath() returns a relative argument unchanged, and "dir/" has no
        // fileName(), which would store "scrapes/x" as data/scrapes/scrapes/x or data//x.
        const QDir root(info.absoluteFilePath());
        QDirIterator it(root.path(), QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
        QStringList found;
        while (it.hasNext())
            found.append(it.next());
        found.sort();
        for (const QString& f : found) {
            auto bytes = readFile(f);
            if (!bytes)
                return bytes.error();
            files.append({ root.dirName() + QLatin1Char('/') + root.relativeFilePath(f), *bytes });
        }
        return {};
    }
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    files.append({ info.fileName(), *bytes });
    return {};
}

struct PredicateFlags {
    QString provider, period, format, profile, scrapeTime, focusVersion;
};

// Fills what the flags say into PREDICATE: provider, period, and (when it lists none) one payload entry per file.
Status applyFlags(const PredicateFlags& flags, BundleKind kind, const QList<BundleFile>& files, QJsonObject& predicate)
{
    if (!flags.provider.isEmpty())
        predicate.insert(QStringLiteral("provider"), flags.provider);
    if (!flags.period.isEmpty()) {
        Result<Period> period = analytics::parsePeriod(flags.period);
        if (!period)
            return period.error();
        predicate.insert(QStringLiteral("period"),
            QJsonObject { { QStringLiteral("start"), formatUnixSeconds(period->start) },
                { QStringLiteral("end"), formatUnixSeconds(period->end) } });
    }
    if (!flags.scrapeTime.isEmpty() && !parseTimestamp(flags.scrapeTime))
        return Error(QString(), 0, QStringLiteral("--scrape-time"),
            QStringLiteral("'%1' is not an RFC 3339 time like 2026-09-01T10:00:00Z").arg(flags.scrapeTime));
    const bool describesPayloads = !flags.format.isEmpty() || !flags.profile.isEmpty() || !flags.scrapeTime.isEmpty()
        || !flags.focusVersion.isEmpty();
    if (kind == BundleKind::Attestation) {
        if (describesPayloads)
            return Error(QString(), 0, QStringLiteral("--format"), QStringLiteral("an attestation has no payloads"));
        return {};
    }
    if (predicate.contains(QStringLiteral("payloads"))) {
        if (describesPayloads)
            return Error(QString(), 0, QStringLiteral("--format"),
                QStringLiteral("the --predicate file already lists its payloads; describe them there"));
        return {};
    }
    QJsonArray payloads;
    for (const BundleFile& file : files) {
        QJsonObject entry { { QStringLiteral("path"), QStringLiteral("data/") + file.name } };
        if (kind == BundleKind::Invoice) {
            const bool pdf = file.name.endsWith(QLatin1String(".pdf"), Qt::CaseInsensitive);
            entry.insert(QStringLiteral("format"),
                pdf ? QStringLiteral("pdf") : (flags.format.isEmpty() ? QStringLiteral("ubl-2.1") : flags.format));
        } else if (kind == BundleKind::Billing) {
            entry.insert(QStringLiteral("format"), flags.format.isEmpty() ? QStringLiteral("focus-csv") : flags.format);
            if (!flags.focusVersion.isEmpty())
                entry.insert(QStringLiteral("focusVersion"), flags.focusVersion);
        } else {
            if (flags.format.isEmpty())
                return Error(QString(), 0, QStringLiteral("--format"),
                    QStringLiteral("name the telemetry payload format (capaudit-usage-csv/v1, prometheus-text, "
                                   "openmetrics-text, otlp-json)"));
            entry.insert(QStringLiteral("format"), flags.format);
            if (!flags.profile.isEmpty())
                entry.insert(QStringLiteral("profile"), flags.profile);
            if (!flags.scrapeTime.isEmpty())
                entry.insert(QStringLiteral("scrapeTime"), flags.scrapeTime);
        }
        payloads.append(entry);
    }
    predicate.insert(QStringLiteral("payloads"), payloads);
    return {};
}

// The importer's own predicate parser and payload parsers, run on what is about to be signed.
Status validate(const BundleSpec& spec)
{
    const LintReport report =
        lintStatement(spec.kind, spec.predicate, [&](const QString& path) -> Result<std::unique_ptr<QIODevice>> {
            for (const BundleFile& file : spec.files)
                if (QStringLiteral("data/") + file.name == path) {
                    auto buffer = std::make_unique<QBuffer>();
                    buffer->setData(file.content);
                    buffer->open(QIODevice::ReadOnly);
                    return std::unique_ptr<QIODevice>(std::move(buffer));
                }
            return Error(QStringLiteral("statement predicate"), 0, QStringLiteral("payloads"),
                QStringLiteral("payload %1 is not among the files given").arg(path));
        });
    for (const QString& line : report.lines())
        err() << "capaudit-cli: " << line << '\n';
    err().flush();
    if (!report.errors.isEmpty())
        return Error(report.errors.first().file,
            QStringLiteral("not signed: an import would refuse this bundle (%1 problem(s) listed above)")
                .arg(report.errors.size()));
    return {};
}

int runBundleCreate(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("file"), QStringLiteral("Payload files (stored under data/)."), QStringLiteral("FILE..."));
    const QCommandLineOption outOpt(QStringLiteral("out"),
        QStringLiteral("Bundle to write: a directory, or .tar, .tar.gz, .tgz, .zip, "
                       ".capbundle."),
        QStringLiteral("PATH"));
    const QCommandLineOption kindOpt(
        QStringLiteral("kind"), QStringLiteral("telemetry, attestation, billing or invoice."), QStringLiteral("KIND"));
    const QCommandLineOption keyOpt(
        QStringLiteral("key"), QStringLiteral("Signing key (PEM, unencrypted)."), QStringLiteral("KEY.pem"));
    const QCommandLineOption certOpt(
        QStringLiteral("cert"), QStringLiteral("Signer certificate (PEM)."), QStringLiteral("CERT.pem"));
    const QCommandLineOption chainOpt(
        QStringLiteral("chain"), QStringLiteral("Intermediate certificates (PEM)."), QStringLiteral("CHAIN.pem"));
    const QCommandLineOption predicateOpt(
        QStringLiteral("predicate"), QStringLiteral("Predicate JSON object."), QStringLiteral("FILE.json"));
    const QCommandLineOption providerOpt(
        QStringLiteral("provider"), QStringLiteral("Provider named in the predicate."), QStringLiteral("NAME"));
    const QCommandLineOption periodOpt(QStringLiteral("period"),
        QStringLiteral("Period the evidence covers, FROM..TO (dates or RFC 3339 times; the end is exclusive)."),
        QStringLiteral("FROM..TO"));
    const QCommandLineOption formatOpt(QStringLiteral("format"),
        QStringLiteral("Format of every payload FILE (telemetry: capaudit-usage-csv/v1, prometheus-text, "
                       "openmetrics-text, otlp-json; billing: focus-csv)."),
        QStringLiteral("F"));
    const QCommandLineOption profileOpt(QStringLiteral("profile"),
        QStringLiteral("Metric profile of every payload (kube-state-metrics, dcgm-exporter, node-exporter)."),
        QStringLiteral("PROFILE"));
    const QCommandLineOption scrapeOpt(QStringLiteral("scrape-time"),
        QStringLiteral("RFC 3339 time the payloads were scraped (for metric files without timestamps)."),
        QStringLiteral("TIME"));
    const QCommandLineOption focusOpt(QStringLiteral("focus-version"),
        QStringLiteral("FOCUS version of billing payloads (1.0, 1.1, 1.2)."), QStringLiteral("V"));
    parser.addOptions({ outOpt, kindOpt, keyOpt, certOpt, chainOpt, predicateOpt, providerOpt, periodOpt, formatOpt,
        profileOpt, scrapeOpt, focusOpt });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Create a signed evidence bundle: payload files under data/, an "
                           "in-toto statement of their digests, signed as a DSSE envelope.")))
        return *exit;
    if (!parser.isSet(outOpt) || !parser.isSet(kindOpt) || !parser.isSet(keyOpt))
        return usageError(QStringLiteral("bundle create: --out, --kind and --key are required"));
    BundleSpec spec;
    spec.kind = bundleKindFromName(parser.value(kindOpt));
    if (spec.kind == BundleKind::Unknown)
        return usageError(QStringLiteral("--kind must be telemetry, attestation, billing or invoice, not '%1'")
                              .arg(parser.value(kindOpt)));
    // An attestation's claims are all in its predicate; it needs no payload file.
    if (parser.positionalArguments().isEmpty() && spec.kind != BundleKind::Attestation)
        return usageError(QStringLiteral("bundle create: name at least one payload FILE"));
    auto keyPem = readFile(parser.value(keyOpt));
    if (!keyPem)
        return usageError(keyPem.error().toString());
    auto key = crypto::PrivateKey::fromPem(*keyPem);
    if (!key)
        return usageError(parser.value(keyOpt) + QStringLiteral(": ") + key.error().reason);
    spec.key = *key;
    for (const QCommandLineOption* opt : { &certOpt, &chainOpt }) {
        if (!parser.isSet(*opt))
            continue;
        auto pem = readFile(parser.value(*opt));
        auto certs = pem ? crypto::Certificate::listFromPem(*pem) : Result<QList<crypto::Certificate>>(pem.error());
        if (!certs)
            return usageError(parser.value(*opt) + QStringLiteral(": ") + certs.error().reason);
        for (const crypto::Certificate& c : *certs)
            if (!spec.chain.contains(c))
                spec.chain.append(c);
    }
    if (parser.isSet(predicateOpt)) {
        auto bytes = readFile(parser.value(predicateOpt));
        auto predicate =
            bytes ? parseJsonObject(*bytes, parser.value(predicateOpt)) : Result<QJsonObject>(bytes.error());
        if (!predicate)
            return usageError(predicate.error().toString());
        spec.predicate = *predicate;
    }
    for (const QString& f : parser.positionalArguments())
        if (Status s = collectPayload(f, spec.files); !s)
            return usageError(s.error().toString());
    const PredicateFlags flags { parser.value(providerOpt), parser.value(periodOpt), parser.value(formatOpt),
        parser.value(profileOpt), parser.value(scrapeOpt), parser.value(focusOpt) };
    if (Status s = applyFlags(flags, spec.kind, spec.files, spec.predicate); !s)
        return usageError(s.error().toString());
    if (Status s = validate(spec); !s)
        return usageError(s.error().toString());
    if (Status s = writeBundle(spec, parser.value(outOpt)); !s)
        return usageError(s.error().toString());
    out() << "wrote " << bundleKindName(spec.kind) << " bundle " << parser.value(outOpt) << " with "
          << spec.files.size() << " payload file(s), signed by key " << spec.key.publicKey().fingerprint() << Qt::endl;
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND("bundle create", "Create and sign an evidence bundle.", capaudit::cli::runBundleCreate);
