// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "util/result.h"

#include <QList>

#include <unordered_map>

namespace capaudit {

namespace sql {
class Database;
}

// What the compliance checks need from one node's samples of one resource class in one payload and one hour (see
// docs/case-file.md "Node-hour aggregates"). The per-node rules (coverage, availability, over-commitment, delivered
// capacity) read these instead of every raw sample; a group that is not `regular`, or that the check cannot decide
// from the aggregate (e.g. it may hold a step above the over-commitment limit), is re-read from the raw samples in
// [firstSeq, lastSeq].
struct NodeHourRow {
    qint64 payload = 0, node = 0, resource = 0, hour = 0;
    qint64 rows = 0; // samples of the group (node and tenant rows)
    qint64 firstSeq = 0, lastSeq = 0;
    qint64 minTime = 0, maxTime = 0; // over all rows
    double sumAllocated = 0; // over all rows with an allocation; NaN: none
    qint64 nodeSteps = 0; // node-level rows (empty tenant)
    qint64 nodeFirst = 0, nodeFirstSeq = 0, nodeLast = 0, nodeLastSeq = 0;
    qint64 spacing = 0; // seconds between consecutive node rows when constant; 0 with fewer than two
    int state = -1; // of every node row; -1: none
    double capacity = 0; // of every node row; NaN: missing
    double maxStepAllocated = 0; // largest per-step sum of tenant allocations; NaN: none
    // Rows in time order, exactly one node row per step, same state and capacity throughout, constant spacing, no
    // step with tenant rows but no node row, and no tenant allocated twice at one step (double counting, which the
    // check finds in the raw rows): the group is then fully described by the fields above.
    bool regular = true;
    bool operator==(const NodeHourRow& other) const;
};

// Builds the node-hour aggregates of one bundle from its samples in seq order. Import and verify-case feed the same
// rows in the same order through this class, so the stored aggregates can be rebuilt and compared exactly. Memory is
// one entry per node, class and hour (a few hundred samples each), not per sample.
class NodeHourBuilder {
public:
    void add(qint64 seq, qint64 payload, qint64 time, qint64 node, qint64 resource, qint64 tenant, double allocated,
        double capacity, int state);
    void finish(); // computes rows(), sorted by payload, node, resource, hour
    const QList<NodeHourRow>& rows() const
    {
        return m_rows;
    }

    Status write(sql::Database& db, qint64 bundle) const; // also marks the bundle as having aggregates
    static Result<bool> hasAggregates(sql::Database& db, qint64 bundle);
    static Result<QList<NodeHourRow>> read(sql::Database& db, qint64 bundle); // in the order of rows()

private:
    struct Key {
        qint64 payload, node, resource, hour;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        size_t operator()(const Key& k) const noexcept;
    };
    struct Group {
        NodeHourRow row;
        qint64 stepTime = -1;
        double stepAllocated = 0;
        bool stepHasAllocation = false, stepHasNodeRow = false;
        QList<qint64> stepTenants; // tenants with an allocation at the current step (a handful per node)
    };
    static void closeStep(Group& group);

    std::unordered_map<Key, Group, KeyHash> m_groups; // element addresses stay valid across inserts
    Key m_lastKey { -1, -1, -1, -1 };
    Group* m_last = nullptr;
    QList<NodeHourRow> m_rows;
};

} // namespace capaudit
