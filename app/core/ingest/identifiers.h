// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/sinks.h"
#include "model/records.h"
#include "util/identitycache.h"
#include "util/result.h"

#include <QByteArrayView>
#include <QString>

namespace capaudit::ingest {

// The largest magnitude accepted for any quantity, cost or metric value read from evidence (per sample, per row).
// 1e15 is far above any real meter (a million nodes x a billion units) yet leaves room for summing ~1e290 rows
// before a double overflows, so totals never turn into inf, or into null in JSON. Documented in docs/formats.md.
inline constexpr double kMaxQuantity = 1e15;

// Why NAME cannot be an identifier (node, tenant, provider, resource class), or empty when it can. Refused: NUL and
// other C0/C1 control characters and DEL; the bidirectional controls U+202A–U+202E, U+2066–U+2069 and U+061C; the
// zero-width and direction marks U+200B–U+200F; U+2028/U+2029 line separators; U+FEFF; and unpaired surrogates.
// These make two different names read the same in a report ("Trojan Source") or break the line structure of an
// export. Letters of every script remain allowed.
QString identifierProblem(QStringView name);
// The same for UTF-8 bytes; invalid UTF-8 is refused too. Plain printable ASCII takes a fast path.
QString identifierProblem(QByteArrayView utf8);

// Checks a value read as a quantity: finite and |VALUE| <= kMaxQuantity. Empty when fine.
QString quantityProblem(double value);

// Wraps the sink of one payload file: every sample's node, resource class and tenant, and its quantities, are checked
// before they reach INNER, so CSV, OpenMetrics and OTLP imports obey one rule. Errors name the file, the line (or data
// point) and the field.
class CheckedUsageSink final : public UsageSink {
public:
    CheckedUsageSink(UsageSink& inner, QString fileName);
    Status addSample(const UsageSample& sample) override;

private:
    UsageSink& m_inner;
    QString m_fileName;
    IdentityCache<bool> m_checked; // names that passed: rows repeat them, as the same interned buffer
};

// The same for FOCUS billing rows: provider, tenant, resource class, resource and account ids, and every cost and
// quantity column.
class CheckedBillingSink final : public BillingSink {
public:
    CheckedBillingSink(BillingSink& inner, QString fileName);
    Status addBillingRecord(const BillingRecord& record) override;

private:
    BillingSink& m_inner;
    QString m_fileName;
};

} // namespace capaudit::ingest
