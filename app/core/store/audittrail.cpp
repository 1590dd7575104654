// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/audittrail.h"

#include "crypto/digest.h"
#include "store/sqlitedb.h"
#include "util/jsonutil.h"

#include <QDateTime>

#include <sqlite3.h>

#include <pwd.h>
#include <unistd.h>

namespace capaudit {

QByteArray TrailEntry::canonicalBytes() const
{
    QJsonObject entry;
    entry.insert(QStringLiteral("action"), action);
    entry.insert(QStringLiteral("details"), details);
    entry.insert(QStringLiteral("seq"), seq);
    entry.insert(QStringLiteral("time"), time);
    entry.insert(QStringLiteral("user"), user);
    return canonicalJson(entry);
}

QString TrailEntry::computeHash() const
{
    crypto::Hasher hasher;
    hasher.add(QByteArray::fromHex(prevHash.toLatin1()));
    hasher.add(canonicalBytes());
    return QString::fromLatin1(hasher.finish().toHex());
}

QString genesisHash()
{
    return QString(64, QLatin1Char('0'));
}

QString currentOsUser()
{
    if (const passwd* pw = getpwuid(geteuid()); pw && pw->pw_name)
        return QString::fromLocal8Bit(pw->pw_name);
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? QStringLiteral("uid %1").arg(geteuid()) : user;
}

namespace {

Result<TrailEntry> insertEntry(sql::Database& db, const QString& action, const QJsonObject& details)
{
    TrailEntry entry;
    entry.seq = 1;
    entry.prevHash = genesisHash();
    sql::Statement* last = db.prepare("SELECT seq, hash FROM audit_trail ORDER BY seq DESC LIMIT 1");
    if (!last)
        return db.lastError();
    if (last->next()) {
        entry.seq = last->int64(0) + 1;
        entry.prevHash = last->text(1);
    } else if (last->failed()) {
        return last->error();
    }
    last->reset();
    entry.time = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    entry.user = currentOsUser();
    entry.action = action;
    entry.details = details;
    entry.hash = entry.computeHash();

    sql::Statement* insert = db.prepare("INSERT INTO audit_trail (seq, time, os_user, action, details, prev_hash, "
                                        "hash) VALUES (?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return db.lastError();
    insert->bind(1, entry.seq)
        .bind(2, entry.time)
        .bind(3, entry.user)
        .bind(4, entry.action)
        .bindText(5, canonicalJson(entry.details))
        .bind(6, entry.prevHash)
        .bind(7, entry.hash);
    if (Status s = insert->exec(); !s)
        return s.error();
    return entry;
}

TrailEntry entryFromRow(const sql::Statement& row)
{
    TrailEntry entry;
    entry.seq = row.int64(0);
    entry.time = row.text(1);
    entry.user = row.text(2);
    entry.action = row.text(3);
    entry.details = QJsonDocument::fromJson(row.blobView(4).toByteArray()).object();
    entry.prevHash = row.text(5);
    entry.hash = row.text(6);
    return entry;
}

constexpr const char* kSelectTrail =
    "SELECT seq, time, os_user, action, details, prev_hash, hash FROM audit_trail WHERE seq >= ? ORDER BY seq "
    "LIMIT ?";

} // namespace

Result<TrailEntry> appendTrailEntry(sql::Database& db, const QString& action, const QJsonObject& details)
{
    if (!sqlite3_get_autocommit(db.handle()))
        return insertEntry(db, action, details);
    sql::Transaction transaction(db);
    if (!transaction.begun())
        return transaction.begun().error();
    Result<TrailEntry> entry = insertEntry(db, action, details);
    if (!entry)
        return entry;
    if (Status s = transaction.commit(); !s)
        return s.error();
    return entry;
}

Result<QList<TrailEntry>> readTrail(sql::Database& db, qint64 fromSeq, qint64 limit)
{
    sql::Statement* select = db.prepare(kSelectTrail);
    if (!select)
        return db.lastError();
    select->bind(1, fromSeq).bind(2, limit);
    QList<TrailEntry> entries;
    while (select->next())
        entries.append(entryFromRow(*select));
    if (select->failed())
        return select->error();
    return entries;
}

Result<ChainCheck> verifyTrailChain(sql::Database& db)
{
    // Streams the rows: a trail of years of work is not loaded at once.
    std::unique_ptr<sql::Statement> select = db.prepareOnce(QString::fromLatin1(kSelectTrail));
    if (!select)
        return db.lastError();
    select->bind(1, qint64(1)).bind(2, qint64(-1));
    ChainCheck check;
    QString previous = genesisHash();
    qint64 expectedSeq = 1;
    while (select->next()) {
        // The details column is hashed in its parsed, canonical form; text that does not even parse is an edit.
        const QByteArray rawDetails = select->blobView(4).toByteArray();
        const TrailEntry entry = entryFromRow(*select);
        ++check.entries;
        QString problem;
        if (entry.seq != expectedSeq)
            problem = QStringLiteral("sequence gap: expected entry %1, found %2").arg(expectedSeq).arg(entry.seq);
        else if (entry.prevHash != previous)
            problem = QStringLiteral("prev_hash does not match the hash of entry %1").arg(entry.seq - 1);
        else if (canonicalJson(entry.details) != rawDetails)
            problem = QStringLiteral("details are not the canonical JSON that was hashed");
        else if (entry.computeHash() != entry.hash)
            problem = QStringLiteral("hash does not match the entry's content (edited after it was written)");
        if (!problem.isEmpty() && check.firstBrokenSeq == 0) {
            check.firstBrokenSeq = entry.seq;
            check.problem = problem;
        }
        // Links are followed from the stored hashes, so one edited entry is reported once, not for all after it.
        previous = entry.hash;
        expectedSeq = entry.seq + 1;
    }
    if (select->failed())
        return select->error();
    return check;
}

} // namespace capaudit
