// SPDX-License-Identifier: GPL-3.0-or-later
#include "store/nodehourbuilder.h"

#include "model/records.h"
#include "store/sqlitedb.h"

#include <QHashFunctions>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace capaudit {

namespace {

constexpr qint64 kHour = 3600;

bool sameValue(double a, double b)
{
    return (std::isnan(a) && std::isnan(b)) || a == b;
}

void addTo(double& sum, double value)
{
    if (!std::isnan(value))
        sum = std::isnan(sum) ? value : sum + value;
}

} // namespace

bool NodeHourRow::operator==(const NodeHourRow& o) const
{
    return payload == o.payload && node == o.node && resource == o.resource && hour == o.hour && rows == o.rows
        && firstSeq == o.firstSeq && lastSeq == o.lastSeq && minTime == o.minTime && maxTime == o.maxTime
        && sameValue(sumAllocated, o.sumAllocated) && nodeSteps == o.nodeSteps && nodeFirst == o.nodeFirst
        && nodeFirstSeq == o.nodeFirstSeq && nodeLast == o.nodeLast && nodeLastSeq == o.nodeLastSeq
        && spacing == o.spacing && state == o.state && sameValue(capacity, o.capacity)
        && sameValue(maxStepAllocated, o.maxStepAllocated) && regular == o.regular;
}

size_t NodeHourBuilder::KeyHash::operator()(const Key& k) const noexcept
{
    return qHashMulti(0, k.payload, k.node, k.resource, k.hour);
}

void NodeHourBuilder::closeStep(Group& g)
{
    if (g.stepTime < 0)
        return;
    // A step with tenant allocations but no node row has no capacity to compare with: the check reads it raw.
    if (g.stepHasAllocation && !g.stepHasNodeRow)
        g.row.regular = false;
    if (g.stepHasAllocation && (std::isnan(g.row.maxStepAllocated) || g.stepAllocated > g.row.maxStepAllocated))
        g.row.maxStepAllocated = g.stepAllocated;
    g.stepAllocated = 0;
    g.stepHasAllocation = g.stepHasNodeRow = false;
    g.stepTenants.clear();
}

void NodeHourBuilder::add(qint64 seq, qint64 payload, qint64 time, qint64 node, qint64 resource, qint64 tenant,
    double allocated, double capacity, int state)
{
    const Key key { payload, node, resource, time - ((time % kHour) + kHour) % kHour };
    if (!m_last || !(key == m_lastKey)) {
        auto [it, inserted] = m_groups.try_emplace(key);
        if (inserted) {
            NodeHourRow& r = it->second.row;
            r = NodeHourRow { key.payload, key.node, key.resource, key.hour, 0, seq, seq, time, time, std::nan(""), 0,
                0, 0, 0, 0, 0, -1, std::nan(""), std::nan(""), true };
        }
        m_lastKey = key;
        m_last = &it->second;
    }
    Group& g = *m_last;
    NodeHourRow& r = g.row;
    ++r.rows;
    r.lastSeq = seq;
    r.minTime = std::min(r.minTime, time);
    r.maxTime = std::max(r.maxTime, time);
    addTo(r.sumAllocated, allocated);

    if (time < g.stepTime)
        r.regular = false; // out of time order: per-step sums below would be split
    if (time != g.stepTime) {
        closeStep(g);
        g.stepTime = time;
    }
    if (tenant != 0) {
        if (!std::isnan(allocated)) {
            if (g.stepTenants.contains(tenant))
                r.regular = false; // the same tenant allocated twice at one step
            else
                g.stepTenants.append(tenant);
            g.stepAllocated += allocated;
            g.stepHasAllocation = true;
        }
        return;
    }
    if (g.stepHasNodeRow)
        r.regular = false; // two node rows at one step
    g.stepHasNodeRow = true;
    if (r.nodeSteps++ == 0) {
        r.nodeFirst = r.nodeLast = time;
        r.nodeFirstSeq = r.nodeLastSeq = seq;
        r.state = state;
        r.capacity = capacity;
        return;
    }
    const qint64 gap = time - r.nodeLast;
    if (r.spacing == 0)
        r.spacing = gap;
    if (gap != r.spacing || gap <= 0 || state != r.state || !sameValue(capacity, r.capacity))
        r.regular = false;
    r.nodeLast = time;
    r.nodeLastSeq = seq;
}

void NodeHourBuilder::finish()
{
    m_rows.clear();
    m_rows.reserve(qsizetype(m_groups.size()));
    for (auto& [key, group] : m_groups) {
        closeStep(group);
        m_rows.append(group.row);
    }
    m_groups.clear();
    m_last = nullptr;
    std::sort(m_rows.begin(), m_rows.end(), [](const NodeHourRow& a, const NodeHourRow& b) {
        return std::tie(a.payload, a.node, a.resource, a.hour) < std::tie(b.payload, b.node, b.resource, b.hour);
    });
}

Status NodeHourBuilder::write(sql::Database& db, qint64 bundle) const
{
    sql::Statement* insert = db.prepare(
        "INSERT INTO node_hours (bundle, payload, node, resource, hour, rows, first_seq, last_seq, min_time, "
        "max_time, sum_allocated, node_steps, node_first, node_first_seq, node_last, node_last_seq, spacing, state, "
        "capacity, max_step_allocated, regular) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
        "?)");
    if (!insert)
        return db.lastError();
    for (const NodeHourRow& r : m_rows) {
        insert->bind(1, bundle)
            .bind(2, r.payload)
            .bind(3, r.node)
            .bind(4, r.resource)
            .bind(5, r.hour)
            .bind(6, r.rows)
            .bind(7, r.firstSeq)
            .bind(8, r.lastSeq)
            .bind(9, r.minTime)
            .bind(10, r.maxTime)
            .bind(11, r.sumAllocated)
            .bind(12, r.nodeSteps)
            .bind(13, r.nodeFirst)
            .bind(14, r.nodeFirstSeq)
            .bind(15, r.nodeLast)
            .bind(16, r.nodeLastSeq)
            .bind(17, r.spacing)
            .bind(18, r.state)
            .bind(19, r.capacity)
            .bind(20, r.maxStepAllocated)
            .bind(21, r.regular ? 1 : 0);
        if (Status s = insert->exec(); !s)
            return s;
    }
    sql::Statement* mark = db.prepare("INSERT INTO node_hours_built (bundle) VALUES (?)");
    if (!mark)
        return db.lastError();
    mark->bind(1, bundle);
    return mark->exec();
}

Result<bool> NodeHourBuilder::hasAggregates(sql::Database& db, qint64 bundle)
{
    sql::Statement* select = db.prepare("SELECT 1 FROM node_hours_built WHERE bundle = ?");
    if (!select)
        return db.lastError();
    select->bind(1, bundle);
    const bool found = select->next();
    if (select->failed())
        return select->error();
    select->reset();
    return found;
}

Result<QList<NodeHourRow>> NodeHourBuilder::read(sql::Database& db, qint64 bundle)
{
    sql::Statement* select = db.prepare(
        "SELECT payload, node, resource, hour, rows, first_seq, last_seq, min_time, max_time, sum_allocated, "
        "node_steps, node_first, node_first_seq, node_last, node_last_seq, spacing, state, capacity, "
        "max_step_allocated, regular FROM node_hours WHERE bundle = ? ORDER BY payload, node, resource, hour");
    if (!select)
        return db.lastError();
    select->bind(1, bundle);
    QList<NodeHourRow> out;
    while (select->next()) {
        const sql::Statement& s = *select;
        out.append({ s.int64(0), s.int64(1), s.int64(2), s.int64(3), s.int64(4), s.int64(5), s.int64(6), s.int64(7),
            s.int64(8), s.real(9), s.int64(10), s.int64(11), s.int64(12), s.int64(13), s.int64(14), s.int64(15),
            int(s.int64(16)), s.real(17), s.real(18), s.int64(19) != 0 });
    }
    if (select->failed())
        return select->error();
    return out;
}

} // namespace capaudit
