// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/finding.h"
#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QMap>
#include <QString>

namespace capaudit::analytics {

struct RulePolicy {
    bool enabled = true;
    Severity severity = Severity::Medium; // severity of the rule's findings (some rules escalate, see docs)
    QJsonObject thresholds; // rule-specific numbers, validated against the rule catalog
};

// Which rules run and with which thresholds (docs/policy.md). Default: resources/policies/default-policy.json.
struct Policy {
    QString name;
    QString description;
    Severity failingSeverity = Severity::High; // `check` exits 1 when a finding reaches it
    QMap<QString, RulePolicy> rules; // by rule id; every catalog rule is present after parsing
    // billing.nonConformantRows: "quarantine" (default: FOCUS rows that break a rule are kept out of reconciliation,
    // the rest of the invoice is reconciled) or "reject" (an invoice with any such row is kept out as a whole and its
    // billing.data-quality findings rise one severity level).
    QString nonConformantRows = QStringLiteral("quarantine");
    bool rejectNonConformant() const
    {
        return nonConformantRows == QLatin1String("reject");
    }

    double threshold(const QString& ruleId, const QString& key) const; // catalog default when not set
    bool enabled(const QString& ruleId) const;
    Severity severity(const QString& ruleId) const;

    QJsonObject toJson() const; // complete (defaults filled in), so the digest covers every value used
    QByteArray canonicalBytes() const;
    QString digest() const; // SHA-256 hex of canonicalBytes()
};

// Parses and validates a policy: unknown rule ids, unknown threshold keys, out-of-range values and bad severities
// are errors naming FILENAME and the JSON field.
Result<Policy> parsePolicy(const QByteArray& bytes, const QString& fileName);
Result<Policy> loadPolicyFile(const QString& path);
// The built-in default policy (compiled in from resources/policies/default-policy.json).
Policy defaultPolicy();
QByteArray defaultPolicyBytes();

} // namespace capaudit::analytics
