// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QList>
#include <QString>

namespace capaudit {
struct Error;
struct UsageSample;
} // namespace capaudit

namespace capaudit::test {

// ../shared/testvectors/<relative>; the suites read conformance data from there, never from copies.
QString testVector(const QString& relative);
QString sharedDir();
// A file under tests/data.
QString testData(const QString& relative);
// A payload fixture of the ingest tests (tests/data/ingest), and the time its samples start at.
QString ingestFixture(const QString& name);
inline constexpr qint64 kIngestStart = 1767225600; // 2026-01-01T00:00:00Z
QByteArray readAll(const QString& path);

// The sample at TIME for NODE, RC and TENANT (empty: the node-level row), or null.
const UsageSample* findSample(
    const QList<UsageSample>& samples, qint64 time, const QString& node, const QString& rc, const QString& tenant = {});
// Asserts (QCOMPARE) that ERROR points at FILE, LINE and FIELD and that its reason mentions REASON.
// Equal within a relative 1e-9 (sums of decimal quantities).
bool near(double actual, double expected);
void checkError(const Error& error, const QString& file, qint64 line, const QString& field, const QString& reason);

} // namespace capaudit::test
