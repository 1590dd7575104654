// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/casestore.h"

#include "store/schema.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace capaudit {

namespace {

QByteArray providersJson(const QStringList& providers)
{
    return QJsonDocument(QJsonArray::fromStringList(providers)).toJson(QJsonDocument::Compact);
}

constexpr const char* kSelectAnchors =
    "SELECT a.id, a.kind, a.file_name, a.label, a.role, a.origin, a.subject, a.fingerprint, a.content, "
    "a.added_seq, r.removed_seq, a.providers, a.identity_san, a.identity_issuer FROM trust_anchors a "
    "LEFT JOIN trust_anchor_removals r ON r.anchor = a.id ORDER BY a.id";

// The providers column: a JSON array of names, as insertAnchor writes it.
std::optional<QStringList> parseProviders(QByteArrayView json)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toByteArray(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray())
        return std::nullopt;
    QStringList out;
    for (const QJsonValue v : doc.array()) {
        if (!v.isString())
            return std::nullopt;
        out.append(v.toString());
    }
    return out;
}

Result<QStringList> names(sql::Database& db, const char* sql)
{
    sql::Statement* select = db.prepare(sql);
    if (!select)
        return db.lastError();
    QStringList out;
    while (select->next())
        out.append(select->text(0));
    if (select->failed())
        return select->error();
    return out;
}

} // namespace

QJsonObject anchorDetails(const TrustAnchor& anchor)
{
    QJsonObject details { { QStringLiteral("kind"), anchorKindName(anchor.kind) },
        { QStringLiteral("file"), anchor.fileName }, { QStringLiteral("label"), anchor.label },
        { QStringLiteral("role"), anchor.role }, { QStringLiteral("origin"), anchor.origin },
        { QStringLiteral("subject"), anchor.subject }, { QStringLiteral("fingerprint"), anchor.fingerprint },
        { QStringLiteral("providers"), QJsonArray::fromStringList(anchor.providers) } };
    if (!anchor.identity.isEmpty())
        details.insert(QStringLiteral("identity"),
            QJsonObject {
                { QStringLiteral("san"), anchor.identity.san }, { QStringLiteral("issuer"), anchor.identity.issuer } });
    return details;
}

namespace {

Status insertAnchor(sql::Database& db, const TrustAnchor& anchor, qint64 seq)
{
    sql::Statement* insert = db.prepare("INSERT INTO trust_anchors (kind, file_name, label, role, origin, subject, "
                                        "fingerprint, content, added_seq, providers, identity_san, identity_issuer) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!insert)
        return db.lastError();
    insert->bindString(1, anchorKindName(anchor.kind))
        .bindString(2, anchor.fileName)
        .bindString(3, anchor.label)
        .bindString(4, anchor.role)
        .bindString(5, anchor.origin)
        .bindString(6, anchor.subject)
        .bindString(7, anchor.fingerprint)
        .bind(8, QByteArrayView(anchor.content))
        .bind(9, seq)
        .bindText(10, providersJson(anchor.providers))
        .bindString(11, anchor.identity.san)
        .bindString(12, anchor.identity.issuer);
    return insert->exec();
}

} // namespace

Result<std::unique_ptr<CaseStore>> CaseStore::create(
    const QString& path, const QString& name, const QList<TrustAnchor>& anchors)
{
    if (QFileInfo::exists(path))
        return Error(path, QStringLiteral("already exists; a new case needs a new file"));
    for (const TrustAnchor& anchor : anchors)
        if (Status s = TrustStore::checkScope(anchor, anchor.fileName, {}); !s)
            return s.error();
    std::unique_ptr<CaseStore> store(new CaseStore);
    auto fail = [&](const Error& error) -> Result<std::unique_ptr<CaseStore>> {
        store->m_db.close();
        for (const char* suffix : { "", "-wal", "-shm" })
            QFile::remove(path + QLatin1String(suffix));
        return error;
    };
    if (Status s = store->m_db.open(path, sql::Database::Mode::Create); !s)
        return fail(s.error());
    // Larger pages suit the workload (long append-only B-trees, blob chunks); only settable before the first table.
    if (Status s = store->m_db.exec("PRAGMA page_size = 8192"); !s)
        return fail(s.error());
    if (Status s = schema::configureConnection(store->m_db); !s)
        return fail(s.error());
    if (Status s = schema::migrate(store->m_db); !s)
        return fail(s.error());

    sql::Transaction transaction(store->m_db);
    if (!transaction.begun())
        return fail(transaction.begun().error());
    const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString created = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    sql::Statement* info =
        store->m_db.prepare("INSERT INTO case_info (id, case_uuid, name, created_at) VALUES (1, ?, ?, ?)");
    if (!info)
        return fail(store->m_db.lastError());
    info->bindString(1, id).bindString(2, name).bindString(3, created);
    if (Status s = info->exec(); !s)
        return fail(s.error());
    const QJsonObject details { { QStringLiteral("case"), id }, { QStringLiteral("name"), name },
        { QStringLiteral("schemaVersion"), schema::currentVersion() } };
    if (Result<TrailEntry> e = appendTrailEntry(store->m_db, QLatin1String(trail::kCaseCreated), details); !e)
        return fail(e.error());
    for (const TrustAnchor& anchor : anchors) {
        Result<TrailEntry> e = appendTrailEntry(store->m_db, QLatin1String(trail::kAnchorAdded), anchorDetails(anchor));
        if (!e)
            return fail(e.error());
        if (Status s = insertAnchor(store->m_db, anchor, e->seq); !s)
            return fail(s.error());
    }
    if (Status s = transaction.commit(); !s)
        return fail(s.error());
    if (Status s = store->loadInfo(); !s)
        return fail(s.error());
    return store;
}

Result<std::unique_ptr<CaseStore>> CaseStore::open(const QString& path, QList<SchemaProblem>* refused)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error(path, QStringLiteral("cannot open case: %1").arg(file.errorString()));
    // Checked before SQLite sees the file: opening a stranger's database must not switch it to WAL mode.
    if (file.read(16) != QByteArrayView("SQLite format 3\0", 16))
        return Error(path, QStringLiteral("not a CapAudit case file (not an SQLite database)"));
    file.close();

    std::unique_ptr<CaseStore> store(new CaseStore);
    if (Status s = store->m_db.open(path, sql::Database::Mode::OpenExisting); !s)
        return s.error();
    Result<qint64> applicationId = store->m_db.queryInt("PRAGMA application_id");
    if (!applicationId)
        return applicationId.error();
    if (*applicationId != schema::kApplicationId)
        return Error(path, 0, QStringLiteral("application_id"),
            QStringLiteral("not a CapAudit case file (SQLite application_id is 0x%1, expected 0x%2)")
                .arg(quint32(*applicationId), 8, 16, QLatin1Char('0'))
                .arg(quint32(schema::kApplicationId), 8, 16, QLatin1Char('0')));
    {
        // Before any query touches a table: the schema must be CapAudit's own, so that nothing the file defines (a view
        // in place of a table, a trigger, a renamed column) runs or changes meaning. Bounded, so no file can hang here.
        sql::StepBudget budget(store->m_db, kOpenBudget);
        Result<QList<SchemaProblem>> problems = schema::check(store->m_db);
        if (budget.exhausted())
            return Error(path, 0, QStringLiteral("schema"),
                QStringLiteral("reading the case's schema exceeded its budget; the file is not a case CapAudit wrote"));
        if (!problems)
            return problems.error();
        QStringList refusing;
        for (const SchemaProblem& p : *problems) {
            if (!p.refuse)
                continue;
            refusing.append(p.toString());
            if (refused)
                refused->append(p);
        }
        if (!refusing.isEmpty())
            return Error(path, 0, QStringLiteral("schema"),
                QStringLiteral("refused: the case's schema was changed outside CapAudit: %1")
                    .arg(refusing.join(QStringLiteral("; "))));
    }
    if (Status s = schema::configureConnection(store->m_db); !s)
        return s.error();
    if (Status s = schema::migrate(store->m_db); !s)
        return s.error();
    if (Status s = store->loadInfo(); !s)
        return s.error();
    return store;
}

Status CaseStore::loadInfo()
{
    sql::Statement* select = m_db.prepare("SELECT case_uuid, name, created_at FROM case_info WHERE id = 1");
    if (!select)
        return m_db.lastError();
    if (!select->next())
        return select->failed() ? select->error()
                                : Error(m_db.path(), 0, QStringLiteral("case_info"), QStringLiteral("row missing"));
    m_info.path = m_db.path();
    m_info.id = select->text(0);
    m_info.name = select->text(1);
    m_info.created = select->text(2);
    select->reset();
    Result<qint64> version = m_db.queryInt("PRAGMA user_version");
    if (!version)
        return version.error();
    m_info.schemaVersion = int(*version);
    return {};
}

Result<QList<CaseAnchor>> CaseStore::anchors(bool includeRemoved)
{
    sql::Statement* select = m_db.prepare(kSelectAnchors);
    if (!select)
        return m_db.lastError();
    QList<CaseAnchor> out;
    while (select->next()) {
        CaseAnchor row;
        row.id = select->int64(0);
        row.addedSeq = select->int64(9);
        row.removedSeq = select->isNull(10) ? 0 : select->int64(10);
        if (!row.active() && !includeRemoved)
            continue;
        // Derived fields (subject, fingerprint, validity) are recomputed from the stored bytes, never trusted.
        Result<TrustAnchor> anchor = TrustStore::anchorFromBytes(
            select->text(2), select->blob(8), select->text(3), select->text(4), select->text(5));
        if (!anchor) {
            Error error = anchor.error();
            error.file = m_db.path();
            error.field = QStringLiteral("trust_anchors[%1]").arg(row.id);
            select->reset();
            return error;
        }
        row.anchor = *anchor;
        const std::optional<QStringList> providers = parseProviders(select->blobView(11));
        if (!providers) {
            select->reset();
            return Error(m_db.path(), 0, QStringLiteral("trust_anchors[%1].providers").arg(row.id),
                QStringLiteral("not a JSON array of provider names"));
        }
        row.anchor.providers = *providers;
        row.anchor.identity = { select->text(12), select->text(13) };
        out.append(row);
    }
    if (select->failed())
        return select->error();
    return out;
}

Result<TrustStore> CaseStore::trustStore()
{
    return trustStoreAt(std::numeric_limits<qint64>::max());
}

Result<TrustStore> CaseStore::trustStoreAt(qint64 seq)
{
    Result<QList<CaseAnchor>> all = anchors(true);
    if (!all)
        return all.error();
    QList<TrustAnchor> inForce;
    for (const CaseAnchor& a : *all) {
        if (a.addedSeq < seq && (a.active() || a.removedSeq > seq))
            inForce.append(a.anchor);
    }
    return TrustStore::fromAnchors(inForce);
}

Result<CaseAnchor> CaseStore::addAnchor(const TrustAnchor& anchor)
{
    if (Status s = TrustStore::checkScope(anchor, anchor.fileName, {}); !s)
        return s.error();
    Result<QList<CaseAnchor>> current = anchors(false);
    if (!current)
        return current.error();
    std::optional<CaseAnchor> replaced;
    for (const CaseAnchor& a : *current) {
        if (a.anchor.fingerprint == anchor.fingerprint && a.anchor.kind == anchor.kind) {
            // The same key with another role, label, origin, scope or identity: a re-scoping, recorded as the removal
            // of the old anchor and the addition of the new one, so the anchors in force at every import stay known.
            if (a.anchor.label == anchor.label && a.anchor.role == anchor.role && a.anchor.origin == anchor.origin
                && a.anchor.providers == anchor.providers && a.anchor.identity == anchor.identity)
                return Error(anchor.fileName, 0, QStringLiteral("fingerprint"),
                    QStringLiteral("already trusted as '%1' (%2) with this role and scope")
                        .arg(a.anchor.label, a.anchor.fileName));
            replaced = a;
            continue;
        }
        if (a.anchor.fileName == anchor.fileName)
            return Error(anchor.fileName, 0, QStringLiteral("file"),
                QStringLiteral("the case already has an anchor named %1; rename the file").arg(a.anchor.fileName));
    }
    sql::Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun().error();
    if (replaced) {
        QJsonObject details = anchorDetails(replaced->anchor);
        details.insert(QStringLiteral("reason"), QStringLiteral("replaced by a new role, scope or identity"));
        Result<TrailEntry> removal = appendTrailEntry(m_db, QLatin1String(trail::kAnchorRemoved), details);
        if (!removal)
            return removal.error();
        sql::Statement* insert = m_db.prepare("INSERT INTO trust_anchor_removals (anchor, removed_seq) VALUES (?, ?)");
        if (!insert)
            return m_db.lastError();
        insert->bind(1, replaced->id).bind(2, removal->seq);
        if (Status s = insert->exec(); !s)
            return s.error();
    }
    QJsonObject details = anchorDetails(anchor);
    if (replaced)
        details.insert(QStringLiteral("replaces"),
            QJsonObject { { QStringLiteral("role"), replaced->anchor.role },
                { QStringLiteral("label"), replaced->anchor.label },
                { QStringLiteral("providers"), QJsonArray::fromStringList(replaced->anchor.providers) } });
    Result<TrailEntry> entry = appendTrailEntry(m_db, QLatin1String(trail::kAnchorAdded), details);
    if (!entry)
        return entry.error();
    if (Status s = insertAnchor(m_db, anchor, entry->seq); !s)
        return s.error();
    CaseAnchor added { m_db.lastInsertId(), anchor, entry->seq, 0 };
    if (Status s = transaction.commit(); !s)
        return s.error();
    return added;
}

Result<CaseAnchor> CaseStore::removeAnchor(const QString& key)
{
    Result<QList<CaseAnchor>> current = anchors(false);
    if (!current)
        return current.error();
    QList<CaseAnchor> matches;
    const QString lowered = key.toLower();
    for (const CaseAnchor& a : *current) {
        if (a.anchor.fileName == key || a.anchor.fingerprint == lowered
            || (lowered.size() >= 8 && a.anchor.fingerprint.startsWith(lowered)))
            matches.append(a);
    }
    if (matches.isEmpty())
        return Error(m_db.path(), 0, QStringLiteral("anchor"), QStringLiteral("no trust anchor matches '%1'").arg(key));
    if (matches.size() > 1)
        return Error(m_db.path(), 0, QStringLiteral("anchor"),
            QStringLiteral("'%1' matches %2 anchors; give the full fingerprint").arg(key).arg(matches.size()));
    CaseAnchor removed = matches.first();
    sql::Transaction transaction(m_db);
    if (!transaction.begun())
        return transaction.begun().error();
    Result<TrailEntry> entry =
        appendTrailEntry(m_db, QLatin1String(trail::kAnchorRemoved), anchorDetails(removed.anchor));
    if (!entry)
        return entry.error();
    sql::Statement* insert = m_db.prepare("INSERT INTO trust_anchor_removals (anchor, removed_seq) VALUES (?, ?)");
    if (!insert)
        return m_db.lastError();
    insert->bind(1, removed.id).bind(2, entry->seq);
    if (Status s = insert->exec(); !s)
        return s.error();
    if (Status s = transaction.commit(); !s)
        return s.error();
    removed.removedSeq = entry->seq;
    return removed;
}

Result<TrailEntry> CaseStore::appendTrail(const QString& action, const QJsonObject& details)
{
    return appendTrailEntry(m_db, action, details);
}

Result<QList<TrailEntry>> CaseStore::trail(qint64 fromSeq, qint64 limit)
{
    return readTrail(m_db, fromSeq, limit);
}

Result<QStringList> CaseStore::providers()
{
    return names(m_db, "SELECT name FROM providers ORDER BY name");
}

Result<QStringList> CaseStore::resourceClasses()
{
    return names(m_db, "SELECT name FROM resource_classes ORDER BY name");
}

Result<QStringList> CaseStore::tenants()
{
    return names(m_db, "SELECT name FROM tenants WHERE id <> 0 ORDER BY name");
}

Result<QList<NodeRef>> CaseStore::nodes(const QString& provider)
{
    sql::Statement* select = m_db.prepare("SELECT p.name, n.name FROM nodes n JOIN providers p ON p.id = n.provider "
                                          "WHERE ?1 IS NULL OR p.name = ?1 ORDER BY p.name, n.name");
    if (!select)
        return m_db.lastError();
    select->bind(1, provider.isEmpty() ? QString() : provider);
    QList<NodeRef> out;
    while (select->next())
        out.append({ select->text(0), select->text(1) });
    if (select->failed())
        return select->error();
    return out;
}

} // namespace capaudit
