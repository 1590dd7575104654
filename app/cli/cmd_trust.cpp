// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli trust list|add|remove CASE: a case's trust anchors (every change recorded in its audit trail).
#include "caseaccess.h"
#include "command.h"
#include "store/casestore.h"
#include "util/jsonutil.h"

#include <QJsonArray>

namespace capaudit::cli {
namespace {

QJsonObject anchorJson(const CaseAnchor& a)
{
    return QJsonObject { { QStringLiteral("file"), a.anchor.fileName },
        { QStringLiteral("kind"), anchorKindName(a.anchor.kind) }, { QStringLiteral("label"), a.anchor.label },
        { QStringLiteral("role"), a.anchor.role }, { QStringLiteral("origin"), a.anchor.origin },
        { QStringLiteral("subject"), a.anchor.subject }, { QStringLiteral("fingerprint"), a.anchor.fingerprint },
        { QStringLiteral("addedSeq"), a.addedSeq }, { QStringLiteral("removedSeq"), a.removedSeq } };
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
    for (const CaseAnchor& a : *anchors)
        out() << a.anchor.fingerprint.left(16) << "  " << anchorKindName(a.anchor.kind).leftJustified(16) << ' '
              << a.anchor.role.leftJustified(17) << ' ' << a.anchor.fileName << "  \"" << a.anchor.label << "\""
              << (a.active() ? QString() : QStringLiteral("  (removed at entry %1)").arg(a.removedSeq)) << '\n';
    out().flush();
    return kExitOk;
}

int runTrustAdd(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addPositionalArgument(QStringLiteral("file"),
        QStringLiteral("Anchor file: *.pem/*.crt root certificate, *.pub key, *.crl."), QStringLiteral("FILE"));
    const QCommandLineOption label(
        QStringLiteral("label"), QStringLiteral("Human name of the anchor."), QStringLiteral("LABEL"));
    const QCommandLineOption role(QStringLiteral("role"),
        QStringLiteral("provider, independent-meter, auditor or transparency-log."), QStringLiteral("ROLE"));
    const QCommandLineOption origin(QStringLiteral("origin"),
        QStringLiteral("Checkpoint origin a transparency-log key signs for."), QStringLiteral("ORIGIN"));
    parser.addOptions({ label, role, origin });
    if (auto exit = parseArguments(
            parser, arguments, QStringLiteral("Add a trust anchor to a case (recorded in the audit trail).")))
        return *exit;
    if (parser.positionalArguments().size() != 2)
        return usageError(QStringLiteral("trust add: name the CASE and one anchor FILE"));
    if (!parser.isSet(label) || !parser.isSet(role))
        return usageError(QStringLiteral("trust add: --label and --role are required"));
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    Result<TrustAnchor> anchor = TrustStore::anchorFromFile(
        parser.positionalArguments().at(1), parser.value(label), parser.value(role), parser.value(origin));
    if (!anchor)
        return usageError(anchor.error().toString());
    Result<CaseAnchor> added = store->addAnchor(*anchor);
    if (!added)
        return usageError(added.error().toString());
    out() << "added " << added->anchor.fileName << " (" << added->anchor.fingerprint << "), trail entry "
          << added->addedSeq << Qt::endl;
    return kExitOk;
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
