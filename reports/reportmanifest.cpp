// SPDX-License-Identifier: GPL-3.0-or-later
#include "reportmanifest.h"

#include "capaudit/version.h"
#include "crypto/digest.h"
#include "util/jsonutil.h"

#include <QJsonArray>

#include <algorithm>

namespace capaudit::reports {

QJsonObject reportManifest(const ReportData& data, const ReportOptions& options)
{
    QStringList bundles = data.checks.bundleDigests;
    for (const EvidenceRow& e : data.evidence)
        if (!bundles.contains(e.digest))
            bundles.append(e.digest);
    std::sort(bundles.begin(), bundles.end());
    QStringList providers = options.providers;
    std::sort(providers.begin(), providers.end());
    QJsonArray sections;
    for (Section s : data.sections)
        sections.append(sectionKey(s));
    const QJsonObject opts { { QStringLiteral("providers"), QJsonArray::fromStringList(providers) },
        { QStringLiteral("sections"), sections }, { QStringLiteral("language"), options.language },
        { QStringLiteral("paper"), paperName(options.paper) }, { QStringLiteral("pdfa"), options.pdfa },
        { QStringLiteral("reviewer"), options.reviewer }, { QStringLiteral("engagement"), options.engagement },
        { QStringLiteral("confidentiality"), options.confidentiality } };
    return {
        { QStringLiteral("format"), QStringLiteral("capaudit-report-manifest/v1") },
        { QStringLiteral("capauditVersion"), QLatin1String(kVersion) },
        { QStringLiteral("case"),
            QJsonObject { { QStringLiteral("id"), data.caseId }, { QStringLiteral("name"), data.caseName } } },
        { QStringLiteral("bundles"), QJsonArray::fromStringList(bundles) },
        { QStringLiteral("evidenceDigest"), evidenceDigest(bundles) },
        { QStringLiteral("policy"),
            QJsonObject { { QStringLiteral("name"), data.checks.policyName },
                { QStringLiteral("digest"), data.checks.policyDigest } } },
        { QStringLiteral("period"), analytics::formatPeriod(data.period) },
        { QStringLiteral("checksDigest"), crypto::sha256Hex(canonicalJson(data.checks.toJson())) },
        { QStringLiteral("options"), opts },
        { QStringLiteral("integrity"),
            QJsonObject { { QStringLiteral("verifyCase"),
                              !data.integrity.checked     ? QStringLiteral("not verified")
                                  : data.integrity.intact ? QStringLiteral("intact")
                                                          : QStringLiteral("NOT intact") },
                { QStringLiteral("problems"), data.integrity.problems } } },
    };
}

QByteArray manifestCanonicalBytes(const QJsonObject& manifest)
{
    return canonicalJson(manifest);
}

QString manifestDigest(const QJsonObject& manifest)
{
    return crypto::sha256Hex(manifestCanonicalBytes(manifest));
}

QString evidenceDigest(QStringList bundleDigests)
{
    std::sort(bundleDigests.begin(), bundleDigests.end());
    QByteArray bytes;
    for (const QString& d : bundleDigests)
        bytes += d.toLatin1() + '\n';
    return crypto::sha256Hex(bytes);
}

} // namespace capaudit::reports
