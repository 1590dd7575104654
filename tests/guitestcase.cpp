// SPDX-License-Identifier: GPL-3.0-or-later
#include "guitestcase.h"

#include "demo/demogenerator.h"
#include "evidence/truststore.h"
#include "store/caseimporter.h"
#include "store/casestore.h"

#include <QDir>

namespace capaudit::test {

Result<DemoCase> makeDemoCase(const QString& root, int holdBack)
{
    demo::DemoConfig config;
    config.seed = 7;
    config.days = 7;
    config.stepSeconds = 3600; // small: a week of hourly samples
    config.providers = 2;
    config.nodesPerProvider = 3;
    return makeDemoCase(root, config, holdBack);
}

Result<DemoCase> makeDemoCase(const QString& root, const demo::DemoConfig& config, int holdBack)
{
    DemoCase out;
    out.demoDir = QDir(root).filePath(QStringLiteral("demo"));
    out.casePath = QDir(root).filePath(QStringLiteral("test.capcase"));

    Result<demo::DemoSummary> summary = demo::generateDemo(config, out.demoDir);
    if (!summary)
        return summary.error();

    Result<TrustStore> trust = TrustStore::loadDirectory(QDir(out.demoDir).filePath(QStringLiteral("trust")));
    if (!trust)
        return trust.error();
    Result<std::unique_ptr<CaseStore>> store =
        CaseStore::create(out.casePath, QStringLiteral("GUI test case"), trust->anchors());
    if (!store)
        return store.error();

    // Hold back the last verified telemetry bundles; import everything else, rejected ones included (their attempts
    // land in the trail, as in real use).
    QList<demo::DemoBundle> bundles = summary->bundles;
    for (int i = int(bundles.size()) - 1; i >= 0 && out.heldBack.size() < holdBack; --i) {
        const demo::DemoBundle& b = bundles.at(i);
        if (b.kind == BundleKind::Telemetry && b.expectedVerdict == QLatin1String("verified")) {
            out.heldBack.prepend(QDir(out.demoDir).filePath(b.path));
            bundles.removeAt(i);
        }
    }
    CaseImporter importer(**store);
    for (const demo::DemoBundle& b : std::as_const(bundles)) {
        const QString path = QDir(out.demoDir).filePath(b.path);
        const ImportResult result = importer.importBundle(path);
        out.imported.append(path);
        if (result.outcome == ImportOutcome::Imported)
            ++out.verifiedInCase;
        else if (result.outcome != ImportOutcome::Rejected)
            return Error(path,
                QStringLiteral("unexpected import outcome %1: %2")
                    .arg(importOutcomeName(result.outcome), result.error.toString()));
    }
    return out;
}

} // namespace capaudit::test
