// SPDX-License-Identifier: GPL-3.0-or-later
// capaudit-cli case init / case upgrade / import / verify-case / trust list|add|remove / log: the case file.
#include "caseaccess.h"
#include "command.h"
#include "store/batchimport.h"
#include "store/casestore.h"
#include "store/caseupgrade.h"
#include "store/caseverifier.h"
#include "util/jsonutil.h"

#include <QFileInfo>
#include <QJsonArray>

namespace capaudit::cli {
namespace {

const QCommandLineOption& jsonOption()
{
    static const QCommandLineOption option(QStringLiteral("json"), QStringLiteral("Print JSON on stdout."));
    return option;
}

void printJson(const QJsonObject& object)
{
    out() << QString::fromUtf8(prettyJson(object));
    out().flush();
}

int runCaseInit(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(
        QStringLiteral("case"), QStringLiteral("The case file to create (*.capcase)."), QStringLiteral("CASE"));
    const QCommandLineOption trust(
        QStringLiteral("trust"), QStringLiteral("Trust store directory to start from."), QStringLiteral("DIR"));
    const QCommandLineOption name(
        QStringLiteral("name"), QStringLiteral("Case name (default: the file name)."), QStringLiteral("NAME"));
    parser.addOptions({ trust, name });
    if (auto exit = parseArguments(parser, arguments, QStringLiteral("Create a case file with its trust anchors.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("case init: name exactly one CASE file"));
    if (!parser.isSet(trust))
        return usageError(QStringLiteral("case init: --trust DIR is required"));
    Result<TrustStore> anchors = TrustStore::loadDirectory(parser.value(trust));
    if (!anchors)
        return usageError(anchors.error().toString());
    const QString path = parser.positionalArguments().first();
    const QString caseName = parser.isSet(name) ? parser.value(name) : QFileInfo(path).completeBaseName();
    Result<std::unique_ptr<CaseStore>> store = CaseStore::create(path, caseName, anchors->anchors());
    if (!store)
        return usageError(store.error().toString());
    out() << "created case '" << caseName << "' (" << (*store)->info().id << ") at " << path << " with "
          << anchors->anchors().size() << " trust anchors" << Qt::endl;
    return kExitOk;
}

QString resultLine(const ImportResult& r)
{
    if (r.outcome == ImportOutcome::Imported) {
        QString line =
            QStringLiteral("imported  %1: %2, %3, %4 rows%5")
                .arg(r.path, bundleKindName(r.kind), r.provider)
                .arg(r.rows)
                .arg(r.verdict.verdict == VerdictKind::Untrusted ? QStringLiteral(", UNTRUSTED") : QString());
        // Imported all the same: the finding (evidence.log-consistency) needs both views of the log in the case.
        for (const QString& warning : r.logWarnings)
            line += QStringLiteral("\nLOG       %1: %2").arg(r.path, warning);
        return line;
    }
    if (r.outcome == ImportOutcome::AlreadyPresent)
        return QStringLiteral("present   %1: already in the case (bundle %2%3, nothing changed")
            .arg(r.path, r.digest.left(16),
                r.digest == r.verdict.bundleDigest
                    ? QStringLiteral(")")
                    : QStringLiteral(": the same signed statement in a differently encoded envelope)"));
    QString line = importOutcomeName(r.outcome).leftJustified(9) + QLatin1Char(' ')
        + (r.error.file == r.path ? r.error.toString() : r.path + QStringLiteral(": ") + r.error.toString());
    // What the verifier found, with the hint `capaudit-cli verify` prints, also for a bundle the rollback undid.
    if (r.outcome != ImportOutcome::Imported && r.outcome != ImportOutcome::AlreadyPresent)
        if (const Check* failed = r.verdict.firstFailure()) {
            if (r.outcome == ImportOutcome::RolledBack)
                line += QStringLiteral("\n          %1: %2").arg(failed->id, failed->reason);
            if (!failed->hint.isEmpty())
                line += QStringLiteral("\n          hint: %1").arg(failed->hint);
        }
    return line;
}

int runImport(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addPositionalArgument(QStringLiteral("bundle"),
        QStringLiteral("Bundle directories or archives, or folders holding them."), QStringLiteral("BUNDLE..."));
    const QCommandLineOption untrusted(QStringLiteral("allow-untrusted"),
        QStringLiteral("Import bundles whose signer is not trusted (marked as such)."));
    const QCommandLineOption commitEach(QStringLiteral("commit-each"),
        QStringLiteral("Commit each bundle on its own: an error undoes only that bundle (default: the batch is one "
                       "transaction, all or nothing)."));
    parser.addOptions({ untrusted, commitEach, jsonOption() });
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Verify bundles against the case's trust anchors and import them, all or nothing. "
                           "Exit 0: all imported or already present; 1: some rejected, "
                           "refused or unparsable; 2: usage or I/O error (with the batch rolled back).")))
        return *exit;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2)
        return usageError(QStringLiteral("import: name the CASE and at least one BUNDLE"));
    std::unique_ptr<CaseStore> store = openCase(positional.first());
    if (!store)
        return kExitUsage;
    const bool json = parser.isSet(jsonOption());
    const bool showProgress = stderrIsTerminal();
    BatchImportOptions options;
    options.allowUntrusted = parser.isSet(untrusted);
    options.commitEach = parser.isSet(commitEach);
    if (showProgress)
        options.progress = [](int index, int count, double fraction, const QString& message) {
            err() << "\r\033[K[" << index + 1 << '/' << count << ' '
                  << QString::number(int(fraction * 100)).rightJustified(3) << "%] " << message.left(100);
            err().flush();
        };
    const BatchImportResult batch = importBundles(*store, positional.mid(1), options);
    if (showProgress)
        err() << "\r\033[K";
    int exitCode = kExitOk;
    for (const ImportResult& r : batch.results) {
        if (!json)
            out() << resultLine(r) << Qt::endl;
        if (!r.ok()) {
            // No digest means the bundle was never read, and a local failure is this machine's (a full disk): an I/O
            // problem rather than a finding about evidence.
            const int code = r.outcome == ImportOutcome::Failed && (r.digest.isEmpty() || r.error.local)
                ? kExitUsage
                : kExitFindings;
            exitCode = std::max(exitCode, code);
        }
    }
    // Nothing of the batch is in the case: the cause was a bundle that could not be read or a case that could not be
    // written, never a finding about the evidence.
    if (batch.rolledBack) {
        exitCode = kExitUsage;
        if (!json)
            out() << "ROLLED BACK: nothing of this import is in the case: " << batch.error.toString() << Qt::endl;
    }
    if (json) {
        QJsonObject object = batch.toJson();
        object.insert(QStringLiteral("case"), positional.first());
        printJson(object);
    }
    return exitCode;
}

int runVerifyCase(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addOption(jsonOption());
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Re-verify a case: audit trail chain, every stored bundle from its "
                           "stored bytes, parsed rows and rollups, and the chain of transparency-log "
                           "checkpoints. Exit 0: intact; 1: tampering found.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("verify-case: name exactly one CASE file"));
    const QString path = parser.positionalArguments().first();
    QList<SchemaProblem> refused;
    Result<std::unique_ptr<CaseStore>> opened = CaseStore::open(path, &refused);
    if (!opened && !refused.isEmpty()) {
        // A schema changed outside CapAudit is tampering: report it like any other finding, without reading further.
        CaseVerification result;
        for (const SchemaProblem& p : refused)
            result.problems.append({ QStringLiteral("schema"), p.object, {}, p.message });
        result.problems.append({ QStringLiteral("schema"), QStringLiteral("case"), path,
            QStringLiteral("refused to open: nothing else was read from the file") });
        if (parser.isSet(jsonOption())) {
            printJson(result.toJson());
        } else {
            for (const CaseProblem& p : result.problems)
                out() << "TAMPERED  " << p.toString() << '\n';
            out() << "NOT intact: the case's schema was changed outside CapAudit, " << result.problems.size() - 1
                  << " problems" << Qt::endl;
        }
        return kExitFindings;
    }
    if (!opened) {
        err() << "capaudit-cli: " << opened.error().toString() << Qt::endl;
        return kExitUsage;
    }
    std::unique_ptr<CaseStore> store = std::move(opened).value();
    std::function<void(double, const QString&)> progress;
    if (stderrIsTerminal())
        progress = [](double fraction, const QString& message) {
            err() << "\r\033[K[" << QString::number(int(fraction * 100)).rightJustified(3) << "%] "
                  << message.left(100);
            err().flush();
        };
    const CaseVerification result = verifyCase(*store, progress);
    if (progress)
        err() << "\r\033[K";
    if (parser.isSet(jsonOption())) {
        printJson(result.toJson());
    } else {
        for (const CaseProblem& p : result.problems)
            out() << "TAMPERED  " << p.toString() << '\n';
        // A log that told two stories is not tampering with the case, but the auditor must see it here too.
        for (const QString& logBreak : result.logBreaks)
            out() << "LOG       " << logBreak << '\n';
        out() << (result.intact() ? "intact: " : "NOT intact: ") << result.trailEntries << " trail entries, "
              << result.bundles << " bundles, " << result.rows << " rows checked";
        if (result.logCheckpoints > 0)
            out() << ", " << result.logCheckpoints << " log checkpoints of " << result.logOrigins << " log(s)"
                  << (result.logBreaks.isEmpty() ? QStringLiteral(" consistent")
                                                 : QStringLiteral(" with %1 break(s)").arg(result.logBreaks.size()));
        if (!result.intact())
            out() << ", " << result.problems.size() << " problems";
        out() << Qt::endl;
    }
    return result.intact() ? kExitOk : kExitFindings;
}

int runCaseUpgrade(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addOption(jsonOption());
    if (auto exit = parseArguments(parser, arguments,
            QStringLiteral("Bring a case imported by an older CapAudit to the current layout, in place and in one "
                           "transaction with a trail entry: samples into compressed blocks (schema 8), evidence "
                           "chunks stored raw compressed (schema 7); then compact the file. Opening the case has "
                           "already applied the schema migrations; run verify-case afterwards.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("case upgrade: name exactly one CASE file"));
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    std::function<bool(qint64, qint64)> progress;
    if (stderrIsTerminal())
        progress = [](qint64 done, qint64 total) {
            err() << "\r\033[K[" << QString::number(total ? done * 100 / total : 100).rightJustified(3) << "%] " << done
                  << " of " << total << " samples and evidence chunks";
            err().flush();
            return true;
        };
    Result<CaseUpgrade> upgraded = upgradeCase(*store, progress);
    if (progress)
        err() << "\r\033[K";
    if (!upgraded) {
        err() << "capaudit-cli: case upgrade: " << upgraded.error().toString() << Qt::endl;
        return kExitUsage;
    }
    const CaseUpgrade& u = *upgraded;
    if (parser.isSet(jsonOption())) {
        printJson({ { QStringLiteral("case"), store->info().id }, { QStringLiteral("bundles"), u.bundles },
            { QStringLiteral("samples"), u.samples }, { QStringLiteral("blocks"), u.blocks },
            { QStringLiteral("chunks"), u.chunks }, { QStringLiteral("chunkBytesBefore"), u.chunkBytesBefore },
            { QStringLiteral("chunkBytesAfter"), u.chunkBytesAfter }, { QStringLiteral("compacted"), u.compacted } });
        return kExitOk;
    }
    if (!u.changed()) {
        out() << "nothing to upgrade: the case already has the current layout" << Qt::endl;
        return kExitOk;
    }
    out() << "upgraded: " << u.samples << " samples of " << u.bundles << " bundles moved into " << u.blocks
          << " blocks; " << u.chunks << " evidence chunks compressed (" << u.chunkBytesBefore << " -> "
          << u.chunkBytesAfter << " bytes)"
          << (u.compacted ? "" : "; the file could not be compacted (too little free disk space?)")
          << "; run verify-case to confirm" << Qt::endl;
    return kExitOk;
}

int runLog(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.addPositionalArgument(QStringLiteral("case"), QStringLiteral("The case file."), QStringLiteral("CASE"));
    parser.addOption(jsonOption());
    if (auto exit = parseArguments(parser, arguments, QStringLiteral("Print the case's audit trail.")))
        return *exit;
    if (parser.positionalArguments().size() != 1)
        return usageError(QStringLiteral("log: name exactly one CASE file"));
    std::unique_ptr<CaseStore> store = openCase(parser.positionalArguments().first());
    if (!store)
        return kExitUsage;
    Result<QList<TrailEntry>> entries = store->trail();
    if (!entries)
        return usageError(entries.error().toString());
    if (parser.isSet(jsonOption())) {
        QJsonArray list;
        for (const TrailEntry& e : *entries)
            list.append(QJsonObject { { QStringLiteral("seq"), e.seq }, { QStringLiteral("time"), e.time },
                { QStringLiteral("user"), e.user }, { QStringLiteral("action"), e.action },
                { QStringLiteral("details"), e.details }, { QStringLiteral("prevHash"), e.prevHash },
                { QStringLiteral("hash"), e.hash } });
        printJson({ { QStringLiteral("case"), store->info().id }, { QStringLiteral("entries"), list } });
        return kExitOk;
    }
    for (const TrailEntry& e : *entries)
        out() << QString::number(e.seq).rightJustified(5) << "  " << e.time << "  " << e.user << "  " << e.action
              << "  " << QString::fromUtf8(canonicalJson(e.details)) << '\n';
    out().flush();
    return kExitOk;
}

} // namespace
} // namespace capaudit::cli

CAPAUDIT_REGISTER_COMMAND("case init", "Create a case file with its trust anchors.", capaudit::cli::runCaseInit);
CAPAUDIT_REGISTER_COMMAND("import", "Verify bundles and import them into a case.", capaudit::cli::runImport);
CAPAUDIT_REGISTER_COMMAND(
    "verify-case", "Re-verify a case: trail, stored bundles, rows.", capaudit::cli::runVerifyCase);
CAPAUDIT_REGISTER_COMMAND("case upgrade",
    "Bring an older case to the compact layout (sample blocks, compressed evidence).", capaudit::cli::runCaseUpgrade);
CAPAUDIT_REGISTER_COMMAND("log", "Print a case's audit trail.", capaudit::cli::runLog);
