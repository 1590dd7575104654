// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli trust list|add|remove CASE: a case's trust anchors (every change recorded in its audit trail).
#include "caseaccess.h"
#include "command.h"
#include "evidence/anchorfile.h"
#include "evidence/trustedrootanchors.h"
#include "store/casestore.h"
#include "util/jsonutil.h"

#include <QFile>
#include <QJsonArray>

namespace capaudit::cli {
namespace {

QJsonObject anchorJson(const CaseAnchor& a)
{
    QJsonObject o { { QStringLiteral("file"), a.anchor.fileName },
        { QStringLiteral("kind"), anchorKindName(a.anchor.kind) }, { QStringLiteral("label"), a.anchor.label },
        { QStringLiteral("role"), a.anchor.role }, { QStringLiteral("origin"), a.anchor.origin },
        { QStringLiteral("subject"), a.anchor.subject }, { QStringLiteral("fingerprint"), a.anchor.fingerprint },
        { QStringLiteral("providers"), QJsonArray::fromStringList(a.anchor.providers) },
        { QStringLiteral("addedSeq"), a.addedSeq }, { QStringLiteral("removedSeq"), a.removedSeq } };
    if (!a.anchor.identity.isEmpty())
        o.insert(QStringLiteral("identity"),
            QJsonObject { { QStringLiteral("san"), a.anchor.identity.san },
                { QStringLiteral("issuer"), a.anchor.identity.issuer } });
    return o;
}

// "scope: 'A', 'B'" / "scope: none" (+ the pinned identity); log keys and CRLs speak for no provider.
QString scopeText(const TrustAnchor& a)
{
    if (a.kind == TrustAnchor::Kind::LogKey || a.kind == TrustAnchor::Kind::RevocationList)
        return a.origin.isEmpty() ? QString() : QStringLiteral("origin: %1").arg(a.origin);
    QString text = a.providers.isEmpty() ? QStringLiteral("scope: none (authorizes no evidence)")
                                         : QStringLiteral("scope: '%1'").arg(a.providers.join(QStringLiteral("', '")));
    if (!a.identity.isEmpty())
        text += QStringLiteral("; identity: '%1' from '%2'").arg(a.identity.san, a.identity.issuer);
    return text;
}

// Adds ANCHOR and prints what happened (and what the anchor may now say).
bool addOne(CaseStore& store, const TrustAnchor& anchor)
{
    Result<CaseAnchor> added = store.addAnchor(anchor);
    if (!added) {
        err() << "capaudit-cli: " << added.error().toString() << Qt::endl;
        return false;
    }
    out() << "added " << added->anchor.fileName << " (" << added->anchor.fingerprint << "), role "
          << (added->anchor.role.isEmpty() ? QStringLiteral("none") : added->anchor.role) << ", "
          << scopeText(added->anchor) << ", trail entry " << added->addedSeq << Qt::endl;
    return true;
}

int addTrustedRoot(CaseStore& store, const QString& file, const QString& role, const QStringList& providers,
    const SignerIdentity& identity)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return usageError(QStringLiteral("%1: cannot read: %2").arg(file, f.errorString()));
    Result<TrustedRootImport> imported = anchorsFromTrustedRoot(f.read(16 << 20), file, role, providers, identity);
    if (!imported)
        return usageError(imported.error().toString());
    int failures = 0;
    for (const TrustAnchor& anchor : imported->anchors)
        failures += addOne(store, anchor) ? 0 : 1;
    for (const QString& note : imported->notes)
        out() << "note: " << note << Qt::endl;
    if (providers.isEmpty())
        out() << "note: the Fulcio CAs vouch for keyless signers of any identity, so they authorize no provider "
                 "evidence until scoped: run trust add again with --provider NAME (and --san/--issuer to pin the "
                 "signer identity)"
              << Qt::endl;
    return failures == 0 ? kExitOk : kExitUsage;
}

int runTrustList(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print JSON on stdout."));
    const QCommandLineOption all(QStringLiteral("all"), QStringLiteral("Include removed anchors."));
    parser.addOptions({ json, all });
    if (auto exit = parseArguments(parser, arguments, QStringLiteral("List the case's trust anchors.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("trust list: name exactly one CASE file"));
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    Result<QList<CaseAnchor>> anchors = store->anchors(parser.isSet(all));
    if (!anchors)
        return usageError(anchors.error().toString());
    if (parser.isSet(json)) {
        QJsonArray list;
        for (const CaseAnchor& a : *anchors)
            list.append(anchorJson(a));
        out() << QString::fromUtf8(prettyJson({ { QStringLiteral("anchors"), list } }));
        out().flush();
        return kExitOk;
    }
    for (const CaseAnchor& a : *anchors) {
        out() << a.anchor.fingerprint.left(16) << "  " << anchorKindName(a.anchor.kind).leftJustified(16) << ' '
              << a.anchor.role.leftJustified(17) << ' ' << a.anchor.fileName << "  \"" << a.anchor.label << "\""
              << (a.active() ? QString() : QStringLiteral("  (removed at entry %1)").arg(a.removedSeq)) << '\n';
        if (const QString scope = scopeText(a.anchor); !scope.isEmpty())
            out() << QString(18, u' ') << scope << '\n';
    }
    out().flush();
    return kExitOk;
}

int runTrustAdd(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addPositionalArgument(QStringLiteral("file"),
        QStringLiteral("Anchor file: *.pem/*.crt CA certificate (a leaf is refused unless --pin-key), *.pub key, "
                       "*.crl, or a Sigstore trusted_root.json."),
        QStringLiteral("FILE"));
    const QCommandLineOption label(
        QStringLiteral("label"), QStringLiteral("Human name of the anchor."), QStringLiteral("LABEL"));
    const QCommandLineOption role(QStringLiteral("role"),
        QStringLiteral("provider, independent-meter, auditor or transparency-log."), QStringLiteral("ROLE"));
    const QCommandLineOption provider(QStringLiteral("provider"),
        QStringLiteral("A provider the anchor may speak for (repeat for several); without any, it authorizes no "
                       "evidence."),
        QStringLiteral("NAME"));
    const QCommandLineOption origin(QStringLiteral("origin"),
        QStringLiteral("Checkpoint origin a transparency-log key signs for."), QStringLiteral("ORIGIN"));
    const QCommandLineOption san(QStringLiteral("san"),
        QStringLiteral("Keyless signer identity every signer certificate must carry (e-mail or URI SAN)."),
        QStringLiteral("SAN"));
    const QCommandLineOption issuer(QStringLiteral("issuer"),
        QStringLiteral("OIDC issuer every keyless signer certificate must carry."), QStringLiteral("ISSUER"));
    const QCommandLineOption pinKey(QStringLiteral("pin-key"),
        QStringLiteral("Trust the certificate's public key alone, as a pinned key: the deliberate way to add a "
                       "signer's (leaf) certificate, which is otherwise refused."));
    parser.addOptions({ label, role, provider, origin, san, issuer, pinKey });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Add a trust anchor to a case (recorded in the audit trail). Adding a key that is "
                           "already trusted with another role or scope replaces it.")))
        return *exit;
    if (parser.positionalArguments().size() != 2)
        return usageError(QStringLiteral("trust add: name the CASE and one anchor FILE"));
    const QString file = parser.positionalArguments().at(1);
    const bool trustedRoot = file.endsWith(QLatin1String(".json"), Qt::CaseInsensitive);
    if (!trustedRoot && (!parser.isSet(label) || !parser.isSet(role)))
        return usageError(QStringLiteral("trust add: --label and --role are required"));
    const QString roleName = parser.isSet(role) ? parser.value(role) : QLatin1String(roles::kProvider);
    if (!isKnownRole(roleName))
        return usageError(QStringLiteral("trust add: --role '%1' is not one of %2")
                              .arg(roleName, knownRoles().join(QStringLiteral(", "))));
    const SignerIdentity identity { parser.value(san), parser.value(issuer) };
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    if (trustedRoot && parser.isSet(pinKey))
        return usageError(QStringLiteral("trust add: --pin-key takes a certificate or key file, not a trusted root"));
    if (trustedRoot)
        return addTrustedRoot(*store, file, roleName, parser.values(provider), identity);
    const AnchorRequest request { parser.value(label), roleName, parser.value(origin), parser.values(provider),
        identity, parser.isSet(pinKey), QStringLiteral("--provider/--san/--issuer") };
    if (Result<AnchorFileInfo> info = classifyAnchorFile(file))
        out() << file << ": " << anchorFileKindDescription(info->kind)
              << (info->subject.isEmpty() ? QString() : QStringLiteral(", '%1'").arg(info->subject)) << Qt::endl;
    Result<TrustAnchor> anchor = anchorToAdd(file, request);
    if (!anchor)
        return usageError(anchor.error().toString());
    return addOne(*store, *anchor) ? kExitOk : kExitUsage;
}

int runTrustRemove(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addPositionalArgument(QStringLiteral("anchor"),
        QStringLiteral("Fingerprint (or a prefix of 8+ hex digits) or file name."), QStringLiteral("ANCHOR"));
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Remove a trust anchor from a case (recorded in the audit trail; "
                           "bundles already imported keep their verdict).")))
        return *exit;
    if (parser.positionalArguments().size() != 2)
        return usageError(QStringLiteral("trust remove: name the CASE and one ANCHOR"));
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    Result<CaseAnchor> removed = store->removeAnchor(parser.positionalArguments().at(1));
    if (!removed)
        return usageError(removed.error().toString());
    out() << "removed " << removed->anchor.fileName << " (" << removed->anchor.fingerprint << "), trail entry "
          << removed->removedSeq << Qt::endl;
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND("trust list", "List a case's trust anchors.", capaudit::cli::runTrustList);
CAPAUDIT_REGISTER_COMMAND("trust add", "Add a trust anchor to a case.", capaudit::cli::runTrustAdd);
CAPAUDIT_REGISTER_COMMAND("trust remove", "Remove a trust anchor from a case.", capaudit::cli::runTrustRemove);
