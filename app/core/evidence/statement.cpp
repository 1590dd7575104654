// SPDX-License-Identifier: GPL-3.0-or-later
#include "evidence/statement.h"

#include "crypto/digest.h"
#include "util/jsonutil.h"

#include <QJsonArray>

namespace capaudit {

namespace {

bool isLowerHex(const QString& s)
{
    for (QChar c : s)
        if (!((c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f')))
            return false;
    return true;
}

} // namespace

Result<Statement> parseStatement(const QByteArray& payload, const QString& fileName)
{
    auto parsed = parseJsonObject(payload, fileName);
    if (!parsed)
        return parsed.error();
    const QJsonObject& o = *parsed;
    if (o.value(QStringLiteral("_type")).toString() != QLatin1String(kStatementType))
        return Error(fileName, 0, QStringLiteral("_type"),
            QStringLiteral("expected \"%1\", found \"%2\"")
                .arg(QLatin1String(kStatementType), o.value(QStringLiteral("_type")).toString()));
    Statement statement;
    statement.predicateType = o.value(QStringLiteral("predicateType")).toString();
    if (statement.predicateType.isEmpty())
        return Error(fileName, 0, QStringLiteral("predicateType"), QStringLiteral("required field is missing"));
    const QJsonValue predicate = o.value(QStringLiteral("predicate"));
    if (!predicate.isUndefined() && !predicate.isObject())
        return Error(fileName, 0, QStringLiteral("predicate"), QStringLiteral("must be an object"));
    statement.predicate = predicate.toObject();

    const QJsonValue subjects = o.value(QStringLiteral("subject"));
    if (!subjects.isArray())
        return Error(fileName, 0, QStringLiteral("subject"), QStringLiteral("required array is missing"));
    const QJsonArray array = subjects.toArray();
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = QStringLiteral("subject[%1]").arg(i);
        const QJsonObject s = array[i].toObject();
        Subject subject;
        subject.name = s.value(QStringLiteral("name")).toString();
        if (subject.name.isEmpty())
            return Error(fileName, 0, path + QStringLiteral(".name"), QStringLiteral("required field is missing"));
        const QJsonObject digest = s.value(QStringLiteral("digest")).toObject();
        if (digest.isEmpty())
            return Error(fileName, 0, path + QStringLiteral(".digest"), QStringLiteral("a subject must have a digest"));
        // in-toto lets a subject carry several digests. Every one CapAudit can compute must match its file (checked
        // by the verifier), not just the strongest: otherwise a correct sha256 could sit next to a sha512 of other
        // bytes that a second verifier preferring sha512 would follow. Unknown algorithms are reported, not checked.
        for (auto it = digest.begin(); it != digest.end(); ++it) {
            const auto alg = crypto::hashFromName(it.key());
            if (!it.value().isString())
                return Error(fileName, 0, path + QStringLiteral(".digest.") + it.key(),
                    QStringLiteral("a digest must be a string of lowercase hex characters"));
            if (!alg || crypto::hashName(*alg) != it.key()) { // only in-toto's own spellings name a known digest
                subject.unsupportedAlgorithms.append(it.key());
                continue;
            }
            const QString hex = it.value().toString();
            if (hex.size() != crypto::hashSize(*alg) * 2 || !isLowerHex(hex))
                return Error(fileName, 0, path + QStringLiteral(".digest.") + it.key(),
                    QStringLiteral("must be %1 lowercase hex characters").arg(crypto::hashSize(*alg) * 2));
            subject.digests.insert(it.key(), hex);
        }
        for (auto alg :
            { crypto::HashAlgorithm::Sha512, crypto::HashAlgorithm::Sha384, crypto::HashAlgorithm::Sha256 }) {
            const QString name = crypto::hashName(alg);
            if (subject.digests.contains(name)) {
                subject.algorithm = name;
                subject.digestHex = subject.digests.value(name);
                break;
            }
        }
        if (subject.algorithm.isEmpty())
            return Error(fileName, 0, path + QStringLiteral(".digest"),
                QStringLiteral("no supported digest (sha256, sha384 or sha512) for '%1'").arg(subject.name));
        statement.subjects.append(subject);
    }
    return statement;
}

} // namespace capaudit
