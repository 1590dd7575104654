// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "model/records.h"
#include "util/result.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QRegularExpression>
#include <QStringList>

namespace capaudit {

// What a metric sample contributes to the UsageSample of its (time, node, resource class, tenant).
enum class MetricTarget : quint8 {
    Capacity, // node row: capacity, summed over the series of one scrape
    Allocatable, // node row: used as capacity when the scrape has no Capacity series for that node and class
    Allocated, // tenant row when a tenant label is set, else node row; summed (pods, containers)
    Used, // like Allocated
    UsedRatio, // value*scale is a 0..1 fraction of one device (GPU utilisation); fractions are summed into used
    UsedRate, // monotonic counter: (increase between consecutive scrapes / seconds) * scale is summed into used
    Free, // node row: capacity = used + free when capacity is missing, used = capacity - free when used is missing
    State, // node state (see MetricMapping::states / fixedState); applies to all rows of the node in the scrape
    Reserved, // node row: held back by the driver (GPU framebuffer); capacity = used + free + reserved
    AllocatedInit, // an init container's request; combined per pod with Allocated by Kubernetes' effective request
    Sidecar, // value 1 marks the container as a sidecar (restartable init container) of its pod; no class
};
QString metricTargetName(MetricTarget target); // "capacity", "allocatable", "allocated", "used", "used_ratio", ...
std::optional<MetricTarget> metricTargetFromName(QStringView name);

struct ResourceMapping {
    QString resourceClass;
    double scale = 1.0; // multiplies the value: bytes -> GiB is 1/2^30
};

// How one metric (Prometheus sample name, or OTLP metric name) becomes usage. Label names also match OTLP resource and
// data point attributes ("k8s.node.name").
struct MetricMapping {
    QString metric;
    MetricTarget target = MetricTarget::Used;
    // Either a fixed class ...
    QString resourceClass;
    double scale = 1.0;
    // ... or a label whose value picks the class and scale; series with values not listed are ignored (counted).
    QString resourceLabel;
    QHash<QString, ResourceMapping> resources;
    QStringList nodeLabels; // first non-empty one names the node
    QStringList tenantLabels; // first non-empty one names the tenant; none -> node row
    QString deviceLabel; // required label identifying the device (one GPU); checked for duplicates per scrape
    QHash<QString, QString> match; // label -> required value
    QHash<QString, QStringList> exclude; // label -> values that drop the series (node_cpu mode="idle")
    // label -> pattern (whole value) of values that do NOT name a node: dcgm-exporter's Hostname is the exporter
    // pod's own name when its DaemonSet does not set NODE_NAME; such a value falls through to the next node label.
    QHash<QString, QRegularExpression> notNode;
    QString requireLabel; // series without this label (or with it empty) are skipped (counted as ignored)
    QString migProfileLabel; // a series with this label is a MIG instance: scale *= migGpuFraction(value)
    // AllocatedInit / Allocated / Sidecar: labels that together name the pod, and the label naming the container.
    QStringList podLabels;
    QString containerLabel;
    bool skipEmptyNode = false; // ignore series whose node label is present but empty (unscheduled pods)
    // State target: with stateLabel, a series with value 1 sets states[label value] (value 0 is ignored);
    // without it, a value of 1 sets fixedState.
    QString stateLabel;
    QHash<QString, NodeState> states;
    NodeState fixedState = NodeState::Unknown;
};

// The mappings in force for one payload: one or more built-in profiles plus an optional user mapping file, all in the
// same JSON form (docs/formats.md). Several mappings may share a metric name.
class MappingSet {
public:
    static QStringList builtinProfileNames(); // "kube-state-metrics", "dcgm-exporter", "node-exporter"
    static Result<MappingSet> builtinProfile(const QString& name);
    static Result<MappingSet> fromJson(const QJsonObject& json, const QString& fileName);
    static Result<MappingSet> fromJsonBytes(const QByteArray& bytes, const QString& fileName);
    // Mappings for a payload: the profile (may be empty) followed by the user mapping (may be empty).
    static Result<MappingSet> forPayload(
        const QString& profile, const QByteArray& userMapping, const QString& mappingFileName);

    void append(const MappingSet& other);
    bool isEmpty() const
    {
        return m_mappings.isEmpty();
    }
    const QList<MetricMapping>& mappings() const
    {
        return m_mappings;
    }
    // Indexes into mappings() for METRIC; empty when the metric is not mapped.
    const QList<qsizetype>* find(const QString& metric) const;

private:
    QList<MetricMapping> m_mappings;
    QHash<QString, QList<qsizetype>> m_byMetric;
};

// The profile texts in the mapping-file format (for docs and tests).
QByteArray builtinProfileJson(const QString& name);

} // namespace capaudit
