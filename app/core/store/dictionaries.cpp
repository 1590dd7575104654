// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/dictionaries.h"

#include "store/sqlitedb.h"

namespace capaudit {

namespace {
// Node names are unique per provider; the cache key carries the provider id.
QString nodeKey(qint64 providerId, const QString& name)
{
    return QString::number(providerId) + QLatin1Char('\x1f') + name;
}
} // namespace

Dictionaries::Dictionaries(sql::Database& db)
    : m_db(db)
    , m_providers { "SELECT id FROM providers WHERE name = ?1", "INSERT INTO providers (name) VALUES (?1)", {}, {} }
    , m_resources { "SELECT id FROM resource_classes WHERE name = ?1",
        "INSERT INTO resource_classes (name) VALUES (?1)", {}, {} }
    , m_tenants { "SELECT id FROM tenants WHERE name = ?1", "INSERT INTO tenants (name) VALUES (?1)", {}, {} }
    , m_nodes { "SELECT id FROM nodes WHERE name = ?1 AND provider = ?2",
        "INSERT INTO nodes (name, provider) VALUES (?1, ?2)", {}, {} }
{
}

Result<qint64> Dictionaries::lookup(Table& table, const QString& key, const QString& name, qint64 scope)
{
    if (auto it = table.ids.constFind(key); it != table.ids.constEnd())
        return it.value();
    sql::Statement* select = m_db.prepare(table.select);
    if (!select)
        return m_db.lastError();
    select->bind(1, name.isNull() ? QStringLiteral("") : name);
    if (scope)
        select->bind(2, scope);
    qint64 id = 0;
    if (select->next()) {
        id = select->int64(0);
        select->reset();
    } else {
        if (select->failed())
            return select->error();
        sql::Statement* insert = m_db.prepare(table.insert);
        if (!insert)
            return m_db.lastError();
        insert->bind(1, name.isNull() ? QStringLiteral("") : name);
        if (scope)
            insert->bind(2, scope);
        if (Status s = insert->exec(); !s)
            return s.error();
        id = m_db.lastInsertId();
    }
    table.ids.insert(key, id);
    table.names.insert(id, name.toUtf8());
    return id;
}

Result<qint64> Dictionaries::provider(const QString& name)
{
    return lookup(m_providers, name, name, 0);
}

Result<qint64> Dictionaries::resourceClass(const QString& name)
{
    return lookup(m_resources, name, name, 0);
}

Result<qint64> Dictionaries::tenant(const QString& name)
{
    return lookup(m_tenants, name, name, 0);
}

Result<qint64> Dictionaries::node(qint64 providerId, const QString& name)
{
    return lookup(m_nodes, nodeKey(providerId, name), name, providerId);
}

Status Dictionaries::load(Table& table, const char* sql, bool scoped)
{
    sql::Statement* select = m_db.prepare(sql);
    if (!select)
        return m_db.lastError();
    while (select->next()) {
        const qint64 id = select->int64(0);
        const QString name = select->text(1);
        table.ids.insert(scoped ? nodeKey(select->int64(2), name) : name, id);
        table.names.insert(id, name.toUtf8());
    }
    if (select->failed())
        return select->error();
    return {};
}

Status Dictionaries::loadAll()
{
    if (Status s = load(m_providers, "SELECT id, name FROM providers", false); !s)
        return s;
    if (Status s = load(m_resources, "SELECT id, name FROM resource_classes", false); !s)
        return s;
    if (Status s = load(m_tenants, "SELECT id, name FROM tenants", false); !s)
        return s;
    return load(m_nodes, "SELECT id, name, provider FROM nodes", true);
}

} // namespace capaudit
