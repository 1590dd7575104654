// SPDX-License-Identifier: GPL-3.0-or-later
// Reviewer documents: append-only versions of the applied policy, comparison weights and what-if scenarios.
#include "crypto/digest.h"
#include "store/casestore.h"
#include "util/jsonutil.h"

#include <QDateTime>

namespace capaudit {
namespace {

constexpr const char* kSelectColumns =
    "SELECT id, kind, name, content, digest, saved_at, trail_seq FROM case_documents ";

Result<CaseDocument> readDocument(sql::Statement& statement)
{
    CaseDocument document;
    document.id = statement.int64(0);
    document.kind = statement.text(1);
    document.name = statement.text(2);
    Result<QJsonObject> content = parseJsonObject(statement.text(3).toUtf8(), QStringLiteral("case_documents"));
    if (!content)
        return content.error();
    document.content = *content;
    document.digest = statement.text(4);
    document.savedAt = statement.text(5);
    document.trailSeq = statement.int64(6);
    return document;
}

} // namespace

Result<std::optional<CaseDocument>> CaseStore::latestDocument(const QString& kind, const QString& name)
{
    sql::Statement* select =
        m_db.prepare((QByteArray(kSelectColumns) + "WHERE kind = ? AND name = ? ORDER BY id DESC LIMIT 1").constData());
    if (!select)
        return m_db.lastError();
    select->bindString(1, kind).bindString(2, name);
    std::optional<CaseDocument> latest;
    if (select->next()) {
        Result<CaseDocument> document = readDocument(*select);
        if (!document)
            return document.error();
        latest = *document;
    }
    if (select->failed())
        return select->error();
    select->reset();
    return latest;
}

Result<QList<CaseDocument>> CaseStore::documents(const QString& kind)
{
    sql::Statement* select = m_db.prepare((QByteArray(kSelectColumns)
        + "WHERE id IN (SELECT max(id) FROM case_documents WHERE kind = ? GROUP BY name) ORDER BY name")
                                              .constData());
    if (!select)
        return m_db.lastError();
    select->bindString(1, kind);
    QList<CaseDocument> list;
    while (select->next()) {
        Result<CaseDocument> document = readDocument(*select);
        if (!document)
            return document.error();
        list.append(*document);
    }
    if (select->failed())
        return select->error();
    select->reset();
    return list;
}

Result<CaseDocument> CaseStore::saveDocument(const QString& kind, const QString& name, const QJsonObject& content)
{
    const QByteArray canonical = canonicalJson(content);
    const QString digest = crypto::sha256Hex(canonical);
    Result<std::optional<CaseDocument>> latest = latestDocument(kind, name);
    if (!latest)
        return latest.error();
    if (latest->has_value() && (*latest)->digest == digest)
        return **latest;

    sql::Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun().error();
    Result<TrailEntry> entry = appendTrailEntry(m_db, kind + QStringLiteral("-saved"),
        { { QStringLiteral("kind"), kind }, { QStringLiteral("name"), name }, { QStringLiteral("digest"), digest } });
    if (!entry)
        return entry.error();
    CaseDocument document;
    document.kind = kind;
    document.name = name;
    document.content = content;
    document.digest = digest;
    document.savedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    document.trailSeq = entry->seq;
    sql::Statement* insert = m_db.prepare("INSERT INTO case_documents (kind, name, content, digest, saved_at, "
                                          "trail_seq) VALUES (?, ?, ?, ?, ?, ?)");
    if (!insert)
        return m_db.lastError();
    insert->bindString(1, kind)
        .bindString(2, name)
        .bindText(3, canonical)
        .bindString(4, digest)
        .bindString(5, document.savedAt)
        .bind(6, document.trailSeq);
    if (Status s = insert->exec(); !s)
        return s.error();
    document.id = m_db.lastInsertId();
    if (Status s = transaction.commit(); !s)
        return s.error();
    return document;
}

} // namespace capaudit
