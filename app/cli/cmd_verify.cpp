// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli verify: offline verification of bundles against a trust store directory.
#include "command.h"
#include "evidence/verifier.h"
#include "util/timeutil.h"
#include "verdictprinter.h"

#include <QFileInfo>

namespace capaudit::cli {
namespace {

int runVerify(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("bundle"), QStringLiteral("Bundle directories or archives."), QStringLiteral("BUNDLE..."));
    const QCommandLineOption trust(
        QStringLiteral("trust"), QStringLiteral("Trust store directory."), QStringLiteral("DIR"));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("Print one JSON verdict per line."));
    const QCommandLineOption at(QStringLiteral("at"),
        QStringLiteral("Judge certificate validity at this RFC 3339 time instead of the "
                       "transparency-log time or now."),
        QStringLiteral("RFC3339"));
    parser.addOptions({ trust, json, at });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Verify signed evidence bundles offline: envelope signature, "
                           "certificate chain, payload digests, transparency proof.")))
        return *exit;
    const QStringList bundles = parser.positionalArguments();
    if (bundles.isEmpty())
        return usageError(QStringLiteral("verify: name at least one bundle"));
    if (!parser.isSet(trust))
        return usageError(QStringLiteral("verify: --trust DIR is required (the trust store to verify against)"));
    auto store = TrustStore::loadDirectory(parser.value(trust));
    if (!store)
        return usageError(store.error().toString());

    BundleVerifier verifier(*store);
    if (parser.isSet(at)) {
        const auto time = parseTimestamp(parser.value(at));
        if (!time)
            return usageError(QStringLiteral("--at: '%1' is not an RFC 3339 time").arg(parser.value(at)));
        verifier.setVerificationTime(*time);
    }
    int exitCode = kExitOk;
    for (const QString& path : bundles) {
        if (!QFileInfo::exists(path)) {
            err() << "capaudit-cli: " << path << ": no such file or directory" << Qt::endl;
            exitCode = kExitUsage;
            continue;
        }
        const Verdict verdict = verifier.verify(path);
        if (parser.isSet(json))
            printVerdictJson(out(), verdict);
        else
            printVerdictText(out(), verdict);
        if (verdict.verdict != VerdictKind::Verified && exitCode == kExitOk)
            exitCode = kExitFindings;
    }
    out().flush();
    return exitCode;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND("verify", "Verify bundles against a trust store (offline).", capaudit::cli::runVerify);
