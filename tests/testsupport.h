// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

namespace capaudit::test {

// ../shared/testvectors/<relative>; the suites read conformance data from there, never from copies.
QString testVector(const QString& relative);
QString sharedDir();
// A file under tests/data.
QString testData(const QString& relative);
QByteArray readAll(const QString& path);

} // namespace capaudit::test
