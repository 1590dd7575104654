// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/democonfig.h"

#include "util/timeutil.h"

#include <QJsonArray>

namespace capaudit::demo {

namespace {
struct FaultInfo {
    FaultKind kind;
    const char* name;
    const char* rule;
};

// Rule ids follow issue 5's rule list; docs/demo.md documents how each fault appears under its rule.
constexpr FaultInfo kFaults[] = {
    { FaultKind::OverBilling, "over-billing", "billing.reconciliation" },
    { FaultKind::TelemetryGap, "telemetry-gap", "telemetry.coverage" },
    { FaultKind::UnattestedNode, "unattested-node", "attestation.coverage" },
    { FaultKind::OverCommitment, "over-commitment", "capacity.overcommit" },
    { FaultKind::SlaBreach, "sla-breach", "sla.availability" },
    { FaultKind::CapacityShortfall, "capacity-shortfall", "capacity.delivered" },
    { FaultKind::Jurisdiction, "jurisdiction", "sovereignty.jurisdiction" },
    { FaultKind::TamperedPayload, "tampered-payload", "evidence.integrity" },
    { FaultKind::ExpiredCertificate, "expired-certificate", "evidence.integrity" },
    { FaultKind::ReissuedRelocation, "reissued-relocation", "attestation.versions" },
    { FaultKind::ReissuedSlaTarget, "reissued-sla-target", "attestation.versions" },
    { FaultKind::MeterDisagreement, "meter-disagreement", "telemetry.meter-agreement" },
    { FaultKind::DeclaredStep, "declared-step", "telemetry.step" },
    { FaultKind::DuplicateTenantRows, "duplicate-tenant-rows", "telemetry.duplicates" },
    { FaultKind::TenantOnlyBundle, "tenant-only-bundle", "telemetry.duplicates" },
    { FaultKind::CapacityAboveAttested, "capacity-above-attested", "capacity.attested" },
    { FaultKind::OutageAsMaintenance, "outage-as-maintenance", "sla.availability" },
    { FaultKind::SilentNode, "silent-node", "telemetry.coverage" },
    { FaultKind::NeverReportingNode, "never-reporting-node", "telemetry.coverage" },
    { FaultKind::UnreconciledCharge, "unreconciled-charge", "billing.unreconciled" },
    { FaultKind::ListPriceBilling, "list-price-billing", "billing.price" },
    { FaultKind::OverlappingCharges, "overlapping-charges", "billing.overlap" },
    { FaultKind::SubToleranceOverbilling, "sub-tolerance-overbilling", "billing.reconciliation" },
    { FaultKind::ForeignCurrency, "foreign-currency", "billing.currency" },
    { FaultKind::UnknownTenant, "unknown-tenant", "billing.tenant" },
    { FaultKind::LogSplitView, "log-split-view", "evidence.log-consistency" },
    { FaultKind::DoubleInvoicedWeek, "double-invoiced-week", "invoice.duplicate" },
    { FaultKind::MissingSlaCredit, "missing-sla-credit", "invoice.sla-credit" },
    { FaultKind::InvoicedAboveDelivery, "invoiced-above-delivery", "invoice.not-delivered" },
};

const FaultInfo& info(FaultKind kind)
{
    for (const FaultInfo& f : kFaults) {
        if (f.kind == kind)
            return f;
    }
    Q_UNREACHABLE();
}
} // namespace

QList<FaultKind> allFaultKinds()
{
    QList<FaultKind> kinds;
    for (const FaultInfo& f : kFaults)
        kinds.append(f.kind);
    return kinds;
}

QString faultKindName(FaultKind kind)
{
    return QLatin1String(info(kind).name);
}

std::optional<FaultKind> faultKindFromName(QStringView name)
{
    for (const FaultInfo& f : kFaults) {
        if (name.compare(QLatin1String(f.name), Qt::CaseInsensitive) == 0)
            return f.kind;
    }
    return std::nullopt;
}

QString faultRuleId(FaultKind kind)
{
    return QLatin1String(info(kind).rule);
}

Result<QList<FaultKind>> parseFaultList(QStringView text)
{
    const QStringView trimmed = text.trimmed();
    if (trimmed.compare(u"none", Qt::CaseInsensitive) == 0)
        return QList<FaultKind> {};
    if (trimmed.compare(u"all", Qt::CaseInsensitive) == 0)
        return allFaultKinds();
    QList<bool> wanted(std::size(kFaults), false);
    for (QStringView part : trimmed.split(u',')) {
        part = part.trimmed();
        if (part.isEmpty())
            continue;
        const std::optional<FaultKind> kind = faultKindFromName(part);
        if (!kind) {
            QStringList names;
            for (const FaultInfo& f : kFaults)
                names.append(QLatin1String(f.name));
            return Error(QString(), 0, QStringLiteral("--faults"),
                QStringLiteral("unknown fault '%1' (known: none, all, %2)")
                    .arg(part.toString(), names.join(QStringLiteral(", "))));
        }
        wanted[allFaultKinds().indexOf(*kind)] = true;
    }
    QList<FaultKind> kinds;
    const QList<FaultKind> all = allFaultKinds();
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (wanted[i])
            kinds.append(all[i]);
    }
    if (kinds.isEmpty())
        return Error(QString(), 0, QStringLiteral("--faults"), QStringLiteral("empty fault list (use 'none')"));
    return kinds;
}

Status DemoConfig::validate() const
{
    auto bad = [](const char* option, const QString& why) {
        return Status(Error(QString(), 0, QLatin1String(option), why));
    };
    if (days < kMinDays || days > kMaxDays)
        return bad("--days", QStringLiteral("must be between %1 and %2, got %3").arg(kMinDays).arg(kMaxDays).arg(days));
    if (stepSeconds < 60 || stepSeconds > 3600 || 86400 % stepSeconds != 0)
        return bad("--step", QStringLiteral("must divide a day and lie between 1m and 1h, got %1 s").arg(stepSeconds));
    if (providers < 1 || providers > kMaxProviders)
        return bad("--providers", QStringLiteral("must be between 1 and %1, got %2").arg(kMaxProviders).arg(providers));
    if (nodesPerProvider != 0 && (nodesPerProvider < kMinNodes || nodesPerProvider > kMaxNodes))
        return bad("--nodes",
            QStringLiteral("must be between %1 and %2, got %3").arg(kMinNodes).arg(kMaxNodes).arg(nodesPerProvider));
    if (!start.isValid() || start.time() != QTime(0, 0))
        return bad("--start", QStringLiteral("must be a date (midnight UTC)"));
    if (hasFault(FaultKind::MissingSlaCredit) && !hasFault(FaultKind::SlaBreach))
        return bad("--faults", QStringLiteral("missing-sla-credit needs sla-breach: no credit is owed without it"));
    return Status::success();
}

QJsonObject configurationJson(const DemoConfig& config)
{
    QJsonArray faults;
    for (FaultKind kind : config.faults)
        faults.append(faultKindName(kind));
    return { { QStringLiteral("seed"), QString::number(config.seed) }, { QStringLiteral("days"), config.days },
        { QStringLiteral("stepSeconds"), double(config.stepSeconds) },
        { QStringLiteral("providers"), config.providers },
        { QStringLiteral("nodesPerProvider"), config.nodesPerProvider },
        { QStringLiteral("start"), formatTimestamp(config.start) }, { QStringLiteral("faults"), faults } };
}

} // namespace capaudit::demo
