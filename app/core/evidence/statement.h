// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "evidence/verdict.h"
#include "util/result.h"

#include <QJsonObject>

namespace capaudit {

inline constexpr auto kStatementType = "https://in-toto.io/Statement/v1";

// in-toto Statement v1 (https://github.com/in-toto/attestation/blob/main/spec/v1/statement.md).
struct Statement {
    QList<Subject> subjects; // one entry per subject; the strongest supported digest is kept
    QString predicateType;
    QJsonObject predicate;
};

// Subjects must each carry a sha256, sha384 or sha512 digest in lowercase hex of the right length.
Result<Statement> parseStatement(const QByteArray& payload, const QString& fileName);

} // namespace capaudit
