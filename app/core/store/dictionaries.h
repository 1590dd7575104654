// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace capaudit {

namespace sql {
class Database;
}

// Integer ids for the names samples repeat millions of times (providers, nodes, resource classes, tenants).
// Get-or-insert with a QHash in front, so the hot path does no SQL; UTF-8 names are kept per id for the rows digest.
class Dictionaries {
public:
    explicit Dictionaries(sql::Database& db);

    Result<qint64> provider(const QString& name);
    Result<qint64> resourceClass(const QString& name);
    Result<qint64> tenant(const QString& name); // "" is id 0: node-level rows
    Result<qint64> node(qint64 providerId, const QString& name);

    // UTF-8 name of an id returned by the functions above.
    QByteArray providerName(qint64 id) const
    {
        return m_providers.names.value(id);
    }
    QByteArray resourceClassName(qint64 id) const
    {
        return m_resources.names.value(id);
    }
    QByteArray tenantName(qint64 id) const
    {
        return m_tenants.names.value(id);
    }
    QByteArray nodeName(qint64 id) const
    {
        return m_nodes.names.value(id);
    }

    // Loads every row of every dictionary (verify-case resolves ids it did not create).
    Status loadAll();
    bool hasProvider(qint64 id) const
    {
        return m_providers.names.contains(id);
    }
    bool hasResourceClass(qint64 id) const
    {
        return m_resources.names.contains(id);
    }
    bool hasTenant(qint64 id) const
    {
        return m_tenants.names.contains(id);
    }
    bool hasNode(qint64 id) const
    {
        return m_nodes.names.contains(id);
    }

private:
    struct Table {
        const char* select;
        const char* insert;
        QHash<QString, qint64> ids;
        QHash<qint64, QByteArray> names;
    };
    Result<qint64> lookup(Table& table, const QString& key, const QString& name, qint64 scope);
    Status load(Table& table, const char* sql, bool scoped);

    sql::Database& m_db;
    Table m_providers, m_resources, m_tenants, m_nodes;
};

} // namespace capaudit
