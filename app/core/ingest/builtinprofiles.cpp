// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/metricmapping.h"
#include "ingest/migprofiles.h"

// The built-in profiles are written in the user mapping-file format, so a user file can express everything they do
// and docs/formats.md can show them verbatim.
namespace capaudit {

namespace {

// kube-state-metrics v2: node capacity/allocatable per resource, pod requests per namespace (tenant) combined per pod
// by Kubernetes' effective request rule (app containers, init containers, sidecars marked by
// kube_pod_init_container_info{restart_policy="Always"}), node Ready condition and cordon as state. "@RESOURCES@"
// stands for the resource table: cpu, memory, whole GPUs and every MIG profile as a fraction of a GPU.
constexpr char kKubeStateMetrics[] = R"json({
  "version": 1,
  "mappings": [
    { "metric": "kube_node_status_capacity", "target": "capacity", "node": ["node", "k8s.node.name"],
      "resourceLabel": "resource", "resources": @RESOURCES@ },
    { "metric": "kube_node_status_allocatable", "target": "allocatable", "node": ["node", "k8s.node.name"],
      "resourceLabel": "resource", "resources": @RESOURCES@ },
    { "metric": "kube_pod_container_resource_requests", "target": "allocated", "node": ["node", "k8s.node.name"],
      "tenant": ["namespace", "k8s.namespace.name"], "skipEmptyNode": true, "pod": ["namespace", "pod"],
      "resourceLabel": "resource", "resources": @RESOURCES@ },
    { "metric": "kube_pod_init_container_resource_requests", "target": "allocated_init",
      "node": ["node", "k8s.node.name"], "tenant": ["namespace", "k8s.namespace.name"], "skipEmptyNode": true,
      "pod": ["namespace", "pod"], "container": "container",
      "resourceLabel": "resource", "resources": @RESOURCES@ },
    { "metric": "kube_pod_init_container_info", "target": "sidecar", "match": { "restart_policy": "Always" },
      "pod": ["namespace", "pod"], "container": "container" },
    { "metric": "kube_node_status_condition", "target": "state", "node": ["node", "k8s.node.name"],
      "match": { "condition": "Ready" },
      "stateLabel": "status", "states": { "true": "up", "false": "down", "unknown": "unknown" } },
    { "metric": "kube_node_spec_unschedulable", "target": "state", "node": ["node", "k8s.node.name"],
      "state": "maintenance" }
  ]
})json";

// NVIDIA dcgm-exporter as deployed: the node comes from Prometheus relabeling (kubernetes_node, node) or OTel
// attributes first; Hostname (hostname on main) is the node only when the DaemonSet sets NODE_NAME, otherwise it is
// the exporter pod's own name, which "notNode" refuses to take for a node. Framebuffer capacity is used + free +
// reserved (MiB). MIG instances (GPU_I_PROFILE) count as their fraction of a GPU; DCGM_FI_DEV_GPU_UTIL is not
// reported per MIG instance, so a MIG instance's utilisation is DCGM_FI_PROF_GR_ENGINE_ACTIVE (a 0..1 ratio).
constexpr char kDcgmExporter[] = R"json({
  "version": 1,
  "mappings": [
    { "metric": "DCGM_FI_DEV_GPU_UTIL", "target": "used_ratio", "resourceClass": "gpu", "scale": "percent",
      "node": @NODES@, "notNode": @NOTNODE@, "tenant": ["namespace", "k8s.namespace.name"],
      "device": "gpu", "migProfileLabel": "GPU_I_PROFILE" },
    { "metric": "DCGM_FI_PROF_GR_ENGINE_ACTIVE", "target": "used_ratio", "resourceClass": "gpu",
      "node": @NODES@, "notNode": @NOTNODE@, "tenant": ["namespace", "k8s.namespace.name"],
      "device": "gpu", "requireLabel": "GPU_I_PROFILE", "migProfileLabel": "GPU_I_PROFILE" },
    { "metric": "DCGM_FI_DEV_FB_USED", "target": "used", "resourceClass": "gpu-memory", "scale": "MiB-to-GiB",
      "node": @NODES@, "notNode": @NOTNODE@, "tenant": ["namespace", "k8s.namespace.name"], "device": "gpu" },
    { "metric": "DCGM_FI_DEV_FB_FREE", "target": "free", "resourceClass": "gpu-memory", "scale": "MiB-to-GiB",
      "node": @NODES@, "notNode": @NOTNODE@, "device": "gpu" },
    { "metric": "DCGM_FI_DEV_FB_RESERVED", "target": "reserved", "resourceClass": "gpu-memory",
      "scale": "MiB-to-GiB", "node": @NODES@, "notNode": @NOTNODE@, "device": "gpu" }
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
    if (name == QLatin1String("kube-state-metrics")) {
        QByteArray resources = R"({ "cpu": "cpu", "memory": { "class": "memory", "scale": "bytes-to-GiB" }, )"
                               R"("nvidia_com_gpu": "gpu")";
        for (const QString& profile : migProfiles()) {
            const double fraction = *migGpuFraction(profile);
            for (const QString& variant : { profile, profile + QStringLiteral("+me") })
                resources += QStringLiteral(", \"%1\": { \"class\": \"gpu\", \"scale\": %2 }")
                                 .arg(migResourceName(variant))
                                 .arg(fraction, 0, 'g', 17)
                                 .toUtf8();
        }
        resources += " }";
        return QByteArray(kKubeStateMetrics).replace("@RESOURCES@", resources);
    }
    if (name == QLatin1String("dcgm-exporter"))
        return QByteArray(kDcgmExporter)
            .replace("@NODES@", R"(["kubernetes_node", "node", "k8s.node.name", "host.name", "Hostname", "hostname"])")
            .replace("@NOTNODE@",
                R"({ "Hostname": "(.+-)?dcgm-exporter-[a-z0-9]{5}", "hostname": "(.+-)?dcgm-exporter-[a-z0-9]{5}" })");
    if (name == QLatin1String("node-exporter"))
        return QByteArray(kNodeExporter);
    return {};
}

} // namespace capaudit
