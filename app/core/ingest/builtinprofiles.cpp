// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/metricmapping.h"

// The built-in profiles are written in the user mapping-file format, so a user file can express everything they do
// and docs/formats.md can show them verbatim.
namespace capaudit {

namespace {

// kube-state-metrics v2: node capacity/allocatable per resource, pod container requests per namespace (tenant),
// node Ready condition and cordon (spec.unschedulable) as state.
constexpr char kKubeStateMetrics[] = R"json({
  "version": 1,
  "mappings": [
    { "metric": "kube_node_status_capacity", "target": "capacity", "node": ["node", "k8s.node.name"],
      "resourceLabel": "resource",
      "resources": { "cpu": "cpu", "memory": { "class": "memory", "scale": "bytes-to-GiB" }, "nvidia_com_gpu": "gpu" } },
    { "metric": "kube_node_status_allocatable", "target": "allocatable", "node": ["node", "k8s.node.name"],
      "resourceLabel": "resource",
      "resources": { "cpu": "cpu", "memory": { "class": "memory", "scale": "bytes-to-GiB" }, "nvidia_com_gpu": "gpu" } },
    { "metric": "kube_pod_container_resource_requests", "target": "allocated", "node": ["node", "k8s.node.name"],
      "tenant": ["namespace", "k8s.namespace.name"], "skipEmptyNode": true,
      "resourceLabel": "resource",
      "resources": { "cpu": "cpu", "memory": { "class": "memory", "scale": "bytes-to-GiB" }, "nvidia_com_gpu": "gpu" } },
    { "metric": "kube_node_status_condition", "target": "state", "node": ["node", "k8s.node.name"],
      "match": { "condition": "Ready" },
      "stateLabel": "status", "states": { "true": "up", "false": "down", "unknown": "unknown" } },
    { "metric": "kube_node_spec_unschedulable", "target": "state", "node": ["node", "k8s.node.name"],
      "state": "maintenance" }
  ]
})json";

// NVIDIA dcgm-exporter: per-GPU utilisation and framebuffer memory. With the Kubernetes pod mapping enabled the
// exporter labels a GPU assigned to a pod with its namespace, which becomes the tenant.
constexpr char kDcgmExporter[] = R"json({
  "version": 1,
  "mappings": [
    { "metric": "DCGM_FI_DEV_GPU_UTIL", "target": "used_ratio", "resourceClass": "gpu", "scale": "percent",
      "node": ["node", "Hostname", "k8s.node.name", "host.name"], "tenant": ["namespace", "k8s.namespace.name"],
      "device": "gpu" },
    { "metric": "DCGM_FI_DEV_FB_USED", "target": "used", "resourceClass": "gpu-memory", "scale": "MiB-to-GiB",
      "node": ["node", "Hostname", "k8s.node.name", "host.name"], "tenant": ["namespace", "k8s.namespace.name"],
      "device": "gpu" },
    { "metric": "DCGM_FI_DEV_FB_FREE", "target": "free", "resourceClass": "gpu-memory", "scale": "MiB-to-GiB",
      "node": ["node", "Hostname", "k8s.node.name", "host.name"], "device": "gpu" }
  ]
})json";

// Prometheus node_exporter: busy CPU time as a rate (cores in use), memory total and available.
constexpr char kNodeExporter[] = R"json({
  "version": 1,
  "mappings": [
    { "metric": "node_cpu_seconds_total", "target": "used_rate", "resourceClass": "cpu",
      "node": ["node", "instance", "host.name"], "exclude": { "mode": ["idle", "iowait", "steal"] } },
    { "metric": "node_memory_MemTotal_bytes", "target": "capacity", "resourceClass": "memory", "scale": "bytes-to-GiB",
      "node": ["node", "instance", "host.name"] },
    { "metric": "node_memory_MemAvailable_bytes", "target": "free", "resourceClass": "memory",
      "scale": "bytes-to-GiB", "node": ["node", "instance", "host.name"] }
  ]
})json";

} // namespace

QStringList MappingSet::builtinProfileNames()
{
    return { QStringLiteral("kube-state-metrics"), QStringLiteral("dcgm-exporter"), QStringLiteral("node-exporter") };
}

QByteArray builtinProfileJson(const QString& name)
{
    if (name == QLatin1String("kube-state-metrics"))
        return QByteArray(kKubeStateMetrics);
    if (name == QLatin1String("dcgm-exporter"))
        return QByteArray(kDcgmExporter);
    if (name == QLatin1String("node-exporter"))
        return QByteArray(kNodeExporter);
    return {};
}

} // namespace capaudit
