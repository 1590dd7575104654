// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "analytics/findingmessage.h"
#include "model/records.h"
#include "util/result.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace capaudit::analytics {

// Ordered: a policy's failing severity fails a check run when any finding is at or above it.
enum class Severity { Info = 0, Low = 1, Medium = 2, High = 3, Critical = 4 };
QString severityName(Severity severity); // "info", "low", "medium", "high", "critical"
std::optional<Severity> severityFromName(QStringView name);

// Where a finding's evidence is: the bundle, and inside it the file and the source lines (or rows) behind it.
struct EvidenceRef {
    QString bundleDigest;
    QString file; // bundle-relative path ("data/usage.csv"), empty when the finding is about the bundle itself
    qint64 firstLine = 0; // 0: the whole file / bundle
    qint64 lastLine = 0;
    QString note; // what this reference shows ("last sample before the gap", "invoice rows")

    QJsonObject toJson() const;
    static EvidenceRef fromJson(const QJsonObject& json);
};

// One conclusion of one rule, traceable to its evidence.
struct Finding {
    QString id; // stable: "<rule>/<first 10 hex of SHA-256 over the scope>", the same on every run
    QString ruleId; // "billing.reconciliation"
    Severity severity = Severity::Info;
    QString title; // one plain-language sentence for the report's reader, in English (message.english())
    FindingMessage message; // the same sentence as an id and arguments, for the reader's language (localizedTitle)
    // Scope; empty / zero where it does not apply.
    QString provider;
    QString node;
    QString tenant;
    QString resourceClass;
    QString region;
    Period range; // [start, end) Unix seconds
    // Measured vs expected, in UNIT; amount (money) in CURRENCY. NaN where not applicable.
    double measured = kMissing;
    double expected = kMissing;
    QString unit;
    double amount = kMissing;
    QString currency;
    QList<EvidenceRef> evidence;
    QJsonObject details; // rule-specific facts (sorted keys, numbers only as computed)

    // Sets the sentence: MESSAGEID (stable), the English TEMPLATE marked with
    // QT_TRANSLATE_NOOP("capaudit::FindingMessage", …) and its ARGS; title becomes the English sentence.
    void say(const char* messageId, const char* templateText, QList<MessageArg> args);
    // Derives id from the rule and the scope (not from the numbers, so a finding keeps its id when a threshold moves).
    void assignId();
    QJsonObject toJson() const;
    static Result<Finding> fromJson(const QJsonObject& json);
};

// The finding's sentence in the installed translation (the GUI's and the report's language); the stored English title
// for a finding without a message (older JSON).
QString localizedTitle(const Finding& finding);

// Deterministic order for output: severity (highest first), rule, provider, node, tenant, class, range start, id.
void sortFindings(QList<Finding>& findings);

} // namespace capaudit::analytics
