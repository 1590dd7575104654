// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/readme.h"

#include "demo/demoformat.h"

#include <QJsonObject>

namespace capaudit::demo {

QString summaryText(const DemoSummary& summary, const QString& outDir)
{
    int rejected = 0;
    for (const DemoBundle& b : summary.bundles)
        rejected += b.expectedVerdict == u"rejected" ? 1 : 0;
    return QStringLiteral("Demo written to %1\n"
                          "  providers: %2 (%3 nodes), tenants: %4\n"
                          "  bundles:   %5 (%6 expected to be rejected)\n"
                          "  samples:   %7 usage rows, %8 billing rows\n"
                          "  faults:    %9 injected (see faults.json)\n"
                          "Next: see %1/README.txt\n")
        .arg(outDir)
        .arg(summary.providers)
        .arg(summary.nodes)
        .arg(summary.tenants)
        .arg(summary.bundles.size())
        .arg(rejected)
        .arg(summary.usageRows)
        .arg(summary.billingRows)
        .arg(summary.faults.size());
}

QByteArray readmeText(const DemoModel& model, const DemoSummary& summary)
{
    QByteArray out;
    out += "CapAudit simulated compute bank\n"
           "===============================\n\n";
    out += "Buyer " + model.buyer.toUtf8() + " buys compute from " + QByteArray::number(model.providers.size())
        + " competing providers for " + QByteArray::number(model.tenants.size()) + " internal tenants, "
        + QByteArray::number(model.config.days) + " days from " + rfc3339(model.config.startSeconds()) + " at "
        + QByteArray::number(model.config.stepSeconds) + " s steps (seed " + QByteArray::number(model.config.seed)
        + ").\n\n";
    for (const DemoProvider& p : model.providers)
        out += "  " + p.id.toUtf8() + "  " + p.name.toUtf8() + ", contract " + p.contractId.toUtf8() + ", "
            + QByteArray::number(p.nodes.size()) + " nodes in " + p.regions[0].id.toUtf8() + " and "
            + p.regions[1].id.toUtf8() + "\n";
    out += "\nContents\n"
           "  trust/          the auditor's trust store: one root CA per provider (role provider, scoped to\n"
           "                  that provider) and the independent meter's root (role independent-meter, scoped\n"
           "                  to the provider it meters); labels, roles and scopes in anchors.json\n"
           "  bundles/        signed evidence: attestation (contract, inventory, commitments, SLA, prices),\n"
           "                  telemetry (native CSV and OpenMetrics/Prometheus payloads) and FOCUS billing;\n"
           "                  directories, .tar.gz and .zip archives\n"
           "  pki/            the demo's private keys and certificate chains (demo only: never trust them)\n"
           "  faults.json     ground truth: every injected fault, the rule that should report it, its scope\n"
           "                  and the expected amount\n"
           "  manifest.json   every bundle with its expected verdict and the SHA-256 of its data files\n\n";
    out += "Faults injected: " + QByteArray::number(summary.faults.size()) + "\n";
    for (const QJsonValue& f : summary.faults) {
        const QJsonObject o = f.toObject();
        out += "  " + o.value(QStringLiteral("id")).toString().toUtf8() + "  "
            + o.value(QStringLiteral("fault")).toString().leftJustified(20).toUtf8() + ' '
            + o.value(QStringLiteral("providerId")).toString().toUtf8() + "  -> "
            + o.value(QStringLiteral("rule")).toString().toUtf8() + "\n";
    }
    out += "\nNext steps\n"
           "  capaudit-cli case init demo.capcase --trust trust\n"
           "  capaudit-cli import demo.capcase bundles/*      # the tampered and expired bundles are rejected\n"
           "  capaudit-cli verify-case demo.capcase\n"
           "  capaudit-cli check demo.capcase                 # findings, compare with faults.json\n"
           "  capaudit-cli forecast demo.capcase\n"
           "  capaudit-cli compare demo.capcase\n"
           "  capaudit-cli log demo.capcase\n\n"
           "(run them from this directory). Data files are identical for the same seed and options; signatures\n"
           "made with ECDSA keys differ between runs, Ed25519 ones do not. See docs/demo.md for the model.\n";
    return out;
}

} // namespace capaudit::demo
