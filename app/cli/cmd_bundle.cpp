// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli bundle create: how a provider (or the demo, or a test) produces signed evidence.
#include "command.h"
#include "evidence/bundlewriter.h"
#include "util/jsonutil.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

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
        QDirIterator it(path, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
        QStringList found;
        while (it.hasNext())
            found.append(it.next());
        found.sort();
        for (const QString& f : found) {
            auto bytes = readFile(f);
            if (!bytes)
                return bytes.error();
            files.append({ info.fileName() + QLatin1Char('/') + QDir(path).relativeFilePath(f), *bytes });
        }
        return {};
    }
    auto bytes = readFile(path);
    if (!bytes)
        return bytes.error();
    files.append({ info.fileName(), *bytes });
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
        QStringLiteral("kind"), QStringLiteral("telemetry, attestation or billing."), QStringLiteral("KIND"));
    const QCommandLineOption keyOpt(
        QStringLiteral("key"), QStringLiteral("Signing key (PEM, unencrypted)."), QStringLiteral("KEY.pem"));
    const QCommandLineOption certOpt(
        QStringLiteral("cert"), QStringLiteral("Signer certificate (PEM)."), QStringLiteral("CERT.pem"));
    const QCommandLineOption chainOpt(
        QStringLiteral("chain"), QStringLiteral("Intermediate certificates (PEM)."), QStringLiteral("CHAIN.pem"));
    const QCommandLineOption predicateOpt(
        QStringLiteral("predicate"), QStringLiteral("Predicate JSON object."), QStringLiteral("FILE.json"));
    parser.addOptions({ outOpt, kindOpt, keyOpt, certOpt, chainOpt, predicateOpt });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Create a signed evidence bundle: payload files under data/, an "
                           "in-toto statement of their digests, signed as a DSSE envelope.")))
        return *exit;
    if (!parser.isSet(outOpt) || !parser.isSet(kindOpt) || !parser.isSet(keyOpt))
        return usageError(QStringLiteral("bundle create: --out, --kind and --key are required"));
    if (parser.positionalArguments().isEmpty())
        return usageError(QStringLiteral("bundle create: name at least one payload FILE"));

    BundleSpec spec;
    spec.kind = bundleKindFromName(parser.value(kindOpt));
    if (spec.kind == BundleKind::Unknown)
        return usageError(
            QStringLiteral("--kind must be telemetry, attestation or billing, not '%1'").arg(parser.value(kindOpt)));
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
    if (Status s = writeBundle(spec, parser.value(outOpt)); !s)
        return usageError(s.error().toString());
    out() << "wrote " << bundleKindName(spec.kind) << " bundle " << parser.value(outOpt) << " with "
          << spec.files.size() << " payload file(s), signed by key " << spec.key.publicKey().fingerprint() << Qt::endl;
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND("bundle create", "Create and sign an evidence bundle.", capaudit::cli::runBundleCreate);
