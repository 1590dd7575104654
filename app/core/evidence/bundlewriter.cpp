// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/bundlewriter.h"

#include "archive/archiveformat.h"
#include "archive/bundlewriter.h"
#include "crypto/digest.h"
#include "crypto/signature.h"
#include "evidence/dsse.h"
#include "evidence/statement.h"
#include "util/jsonutil.h"
#include "util/timeutil.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTemporaryDir>

namespace capaudit {

namespace {

bool isSafeRelativeName(const QString& name)
{
    if (name.isEmpty() || name.startsWith(QLatin1Char('/')) || name.contains(QLatin1Char('\\')))
        return false;
    const QStringList parts = name.split(QLatin1Char('/'));
    for (const QString& p : parts)
        if (p.isEmpty() || p == u"." || p == u"..")
            return false;
    return true;
}

Status writeTree(const BundleSpec& spec, const QString& dir)
{
    QDir root(dir);
    if (!root.exists() && !QDir().mkpath(dir)) // an attestation may have no data/ to create it
        return Error(dir, QStringLiteral("cannot create directory"));
    for (const BundleFile& f : spec.files) {
        const QString path = root.filePath(QStringLiteral("data/") + f.name);
        if (!QDir().mkpath(QFileInfo(path).absolutePath()))
            return Error(path, QStringLiteral("cannot create directory"));
        if (Status s = writeFileAtomically(path, f.content); !s)
            return s;
    }
    if (!spec.chain.isEmpty()) {
        QByteArray pem;
        for (const crypto::Certificate& c : spec.chain)
            pem += c.toPem();
        if (!root.mkpath(QStringLiteral("certs")))
            return Error(dir, QStringLiteral("cannot create certs/"));
        if (Status s = writeFileAtomically(root.filePath(QStringLiteral("certs/chain.pem")), pem); !s)
            return s;
    }
    const QByteArray statement = buildStatement(spec);
    const QByteArray payloadType(kInTotoPayloadType);
    auto signature = crypto::sign(spec.key, dssePae(payloadType, statement));
    if (!signature)
        return signature.error();
    const DsseEnvelope envelope { payloadType, statement,
        { { spec.key.publicKey().fingerprint().toLatin1(), *signature } } };
    return writeFileAtomically(root.filePath(QStringLiteral("envelope.dsse.json")), envelope.toJson());
}

} // namespace

QByteArray buildStatement(const BundleSpec& spec)
{
    QJsonArray subjects;
    QList<BundleFile> sorted = spec.files;
    std::sort(sorted.begin(), sorted.end(), [](const BundleFile& a, const BundleFile& b) { return a.name < b.name; });
    for (const BundleFile& f : sorted)
        subjects.append(QJsonObject { { QStringLiteral("name"), QStringLiteral("data/") + f.name },
            { QStringLiteral("digest"), QJsonObject { { QStringLiteral("sha256"), crypto::sha256Hex(f.content) } } } });
    QJsonObject predicate = spec.predicate;
    if (!predicate.contains(QStringLiteral("signedAt")))
        predicate.insert(QStringLiteral("signedAt"),
            formatTimestamp(spec.signedAt.isValid() ? spec.signedAt : QDateTime::currentDateTimeUtc()));
    return canonicalJson(QJsonObject { { QStringLiteral("_type"), QLatin1String(kStatementType) },
        { QStringLiteral("subject"), subjects }, { QStringLiteral("predicateType"), predicateTypeFor(spec.kind) },
        { QStringLiteral("predicate"), predicate } });
}

Status writeBundle(const BundleSpec& spec, const QString& out)
{
    if (spec.kind == BundleKind::Unknown)
        return Error(out, QStringLiteral("bundle kind must be telemetry, attestation or billing"));
    if (spec.key.isNull())
        return Error(out, QStringLiteral("no signing key"));
    // An attestation's claims are its predicate; telemetry and billing bundles exist to carry data files.
    if (spec.files.isEmpty() && spec.kind != BundleKind::Attestation)
        return Error(out, QStringLiteral("a bundle needs at least one payload file"));
    QSet<QString> names;
    for (const BundleFile& f : spec.files) {
        if (!isSafeRelativeName(f.name))
            return Error(out, 0, f.name, QStringLiteral("payload names must be relative paths without '..'"));
        if (names.contains(f.name))
            return Error(out, 0, f.name, QStringLiteral("duplicate payload name"));
        names.insert(f.name);
    }
    if (!spec.chain.isEmpty() && !(spec.chain.first().publicKey() == spec.key.publicKey()))
        return Error(out, QStringLiteral("the signing key does not belong to the first certificate of the chain"));
    const QFileInfo target(out);
    if (target.exists())
        return Error(out, QStringLiteral("already exists; refusing to overwrite evidence"));
    const QString parent = target.absolutePath();
    if (!QDir().mkpath(parent))
        return Error(parent, QStringLiteral("cannot create directory"));

    // Build next to the target and rename at the end: readers never see a half-written bundle.
    QTemporaryDir staging(parent + QStringLiteral("/.capaudit-bundle-XXXXXX"));
    if (!staging.isValid())
        return Error(parent, QStringLiteral("cannot create a temporary directory: %1").arg(staging.errorString()));
    const QString tree = staging.filePath(QStringLiteral("tree"));
    if (Status s = writeTree(spec, tree); !s)
        return s;
    if (isArchivePath(out)) {
        const QString partial = staging.filePath(QStringLiteral("bundle.partial.") + target.fileName());
        if (Status s = writeBundleArchive(tree, partial); !s)
            return s;
        if (!QFile::rename(partial, target.absoluteFilePath()))
            return Error(out, QStringLiteral("cannot move the finished archive into place"));
        return {};
    }
    if (!QDir().rename(tree, target.absoluteFilePath()))
        return Error(out, QStringLiteral("cannot move the finished bundle into place"));
    return {};
}

} // namespace capaudit
