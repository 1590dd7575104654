// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "demo/democonfig.h"
#include "evidence/verdict.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QMap>

#include <functional>

namespace capaudit::demo {

struct DemoBundle {
    QString path; // relative to the output directory: "bundles/provider-a-telemetry-2026-09-01"
    BundleKind kind = BundleKind::Unknown;
    QString provider; // provider name as in the predicates
    QString signerRole; // "provider" | "independent-meter"
    qint64 periodStart = 0, periodEnd = 0;
    qint64 usageRows = 0; // telemetry: node and tenant rows in the payloads
    int billingRows = 0;
    QString expectedVerdict; // "verified" | "rejected"
    QString expectedFailedCheck; // for rejected bundles: the check id (checks::k*)
    QMap<QString, QString> dataDigests; // "data/usage.csv" -> SHA-256 hex, as written
    QJsonObject toJson() const;
};

struct DemoSummary {
    int providers = 0;
    int nodes = 0;
    int tenants = 0;
    QList<DemoBundle> bundles;
    qint64 usageRows = 0;
    int billingRows = 0;
    QJsonArray faults; // the content of faults.json's "faults"
};

// Writes the simulated compute bank to OUTDIR (which must not exist or be empty):
//   trust/        the auditor's trust store (provider roots, independent-meter root, anchors.json)
//   pki/          the demo's private keys and chains (demo only, so users can sign more bundles)
//   bundles/      signed telemetry, attestation and billing bundles (directories, .tar.gz and .zip)
//   faults.json   ground truth of the injected faults
//   manifest.json every bundle with its expected verdict and data digests
//   README.txt    what to run next
// PROGRESS, when set, receives one line per bundle written.
Result<DemoSummary> generateDemo(
    const DemoConfig& config, const QString& outDir, const std::function<void(const QString&)>& progress = {});

} // namespace capaudit::demo
