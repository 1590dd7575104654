// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/telemetrypayloads.h"

#include "demo/demoformat.h"
#include "demo/demorandom.h"
#include "demo/simulation.h"
#include "demo/usagecsvwriter.h"
#include "ingest/usagecsv.h"

#include <QJsonObject>

namespace capaudit::demo {

namespace {

QJsonObject descriptor(
    const QString& path, const char* format, const char* profile = nullptr, const QString& mapping = {})
{
    QJsonObject o { { QStringLiteral("path"), path }, { QStringLiteral("format"), QLatin1String(format) } };
    if (profile)
        o.insert(QStringLiteral("profile"), QLatin1String(profile));
    if (!mapping.isEmpty())
        o.insert(QStringLiteral("mapping"), mapping);
    return o;
}

// Text expositions captured scrape after scrape: each family's HELP and TYPE once at the top, then every scrape's
// samples with explicit timestamps, in increasing time; OpenMetrics ends with "# EOF".
class Exposition {
public:
    enum Flavour { OpenMetrics, Prometheus };
    explicit Exposition(Flavour flavour)
        : m_flavour(flavour)
    {
    }
    void family(const char* name, const char* help)
    {
        m_text += QByteArray("# HELP ") + name + ' ' + help + "\n# TYPE " + name + " gauge\n";
    }
    void scrape(qint64 unixSeconds)
    {
        m_time = m_flavour == OpenMetrics ? QByteArray::number(unixSeconds) : QByteArray::number(unixSeconds * 1000);
    }
    void sample(const char* name, const QByteArray& labels, const QByteArray& value)
    {
        m_text += name;
        m_text += '{';
        m_text += labels;
        m_text += "} ";
        m_text += value;
        m_text += ' ';
        m_text += m_time;
        m_text += '\n';
    }
    QByteArray finish()
    {
        if (m_flavour == OpenMetrics)
            m_text += "# EOF\n";
        return m_text;
    }

private:
    Flavour m_flavour;
    QByteArray m_text;
    QByteArray m_time;
};

QByteArray label(const char* name, const QString& value)
{
    return QByteArray(name) + "=\"" + value.toUtf8() + '"';
}

QByteArray gpuUuid(quint64 seed, const QString& node, int device)
{
    const QByteArray hex =
        QByteArray::number(hashKey(seed, { hashName(node.toUtf8()), quint64(device) }), 16).rightJustified(16, '0')
        + QByteArray::number(hashKey(seed, { hashName(node.toUtf8()), quint64(device), 1 }), 16)
              .rightJustified(16, '0');
    return "GPU-" + hex.mid(0, 8) + '-' + hex.mid(8, 4) + '-' + hex.mid(12, 4) + '-' + hex.mid(16, 4) + '-'
        + hex.mid(20, 12);
}

// dcgm-exporter samples for one GPU node at one step: each device is assigned to one tenant (whole GPUs), its
// utilisation is that tenant's use spread evenly over its devices; idle devices carry no namespace.
void dcgmSamples(Exposition& e, const DemoModel& model, const DemoNode& node, const NodeStep& ns)
{
    int device = 0;
    auto addDevice = [&](const QString& tenant, double util) {
        QByteArray labels = label("gpu", QString::number(device)) + ','
            + label("UUID", QString::fromLatin1(gpuUuid(model.config.seed, node.id, device))) + ','
            + label("device", QStringLiteral("nvidia%1").arg(device)) + ',' + label("modelName", node.gpuModel) + ','
            + label("Hostname", node.id);
        if (!tenant.isEmpty())
            labels += ',' + label("namespace", tenant) + ','
                + label("pod", tenant + QStringLiteral("-trainer-") + node.id) + ','
                + label("container", QStringLiteral("main"));
        e.sample("DCGM_FI_DEV_GPU_UTIL", labels, decimalText(util, 1));
        ++device;
    };
    for (const TenantStep& ts : ns.tenants) {
        const int devices = int(ts.allocated);
        for (int i = 0; i < devices && device < int(ns.capacity); ++i)
            addDevice(model.tenants[ts.tenant].id, 100.0 * ts.used / ts.allocated);
    }
    while (device < int(ns.capacity))
        addDevice(QString(), 0);
}

QByteArray customMapping()
{
    return QByteArrayLiteral(R"json({
  "version": 1,
  "mappings": [
    { "metric": "node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate", "target": "used",
      "resourceClass": "cpu", "node": "node", "tenant": "namespace" },
    { "metric": "storage_node_capacity_tebibytes", "target": "capacity", "resourceClass": "storage", "node": "node" },
    { "metric": "storage_node_state", "target": "state", "node": "node", "stateLabel": "state",
      "states": { "up": "up", "down": "down", "maintenance": "maintenance" } },
    { "metric": "storage_namespace_provisioned_tebibytes", "target": "allocated", "resourceClass": "storage",
      "node": "node", "tenant": "namespace" },
    { "metric": "storage_namespace_used_tebibytes", "target": "used", "resourceClass": "storage", "node": "node",
      "tenant": "namespace" }
  ]
}
)json");
}

TelemetryPayloadSet metricTelemetry(const DemoModel& model, int provider, qint64 first, qint64 end)
{
    const DemoProvider& p = model.providers[provider];
    TelemetryPayloadSet out;
    Exposition ksm(Exposition::OpenMetrics), dcgm(Exposition::Prometheus), custom(Exposition::OpenMetrics);
    ksm.family("kube_node_status_capacity", "The capacity for different resources of a node.");
    ksm.family("kube_node_status_condition", "The condition of a cluster node.");
    ksm.family("kube_pod_container_resource_requests", "The number of requested request resource by a container.");
    dcgm.family("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).");
    custom.family("node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate",
        "CPU cores used per container (recording rule).");
    custom.family("storage_node_capacity_tebibytes", "Raw capacity of a storage node.");
    custom.family("storage_node_state", "Storage node state.");
    custom.family("storage_namespace_provisioned_tebibytes", "Capacity provisioned to a namespace on a node.");
    custom.family("storage_namespace_used_tebibytes", "Capacity used by a namespace on a node.");

    for (qint64 step = first; step < end; ++step) {
        const qint64 t = model.stepTime(step);
        ksm.scrape(t);
        dcgm.scrape(t);
        custom.scrape(t);
        for (int n = 0; n < p.nodes.size(); ++n) {
            const DemoNode& node = p.nodes[n];
            const NodeStep ns = simulateNode(model, provider, n, step);
            if (!ns.reported)
                continue;
            out.rows += 1 + ns.tenants.size();
            const QByteArray nodeLabel = label("node", node.id);
            const QString state = nodeStateName(ns.state);
            if (node.resourceClass == u"storage") {
                custom.sample("storage_node_capacity_tebibytes", nodeLabel, decimalText(ns.capacity));
                custom.sample("storage_node_state", nodeLabel + ',' + label("state", state), "1");
                for (const TenantStep& ts : ns.tenants) {
                    const QByteArray labels = nodeLabel + ',' + label("namespace", model.tenants[ts.tenant].id);
                    custom.sample("storage_namespace_provisioned_tebibytes", labels, decimalText(ts.allocated));
                    custom.sample("storage_namespace_used_tebibytes", labels, decimalText(ts.used));
                }
                continue;
            }
            const bool gpu = node.resourceClass == u"gpu";
            const QByteArray resource = gpu
                ? label("resource", QStringLiteral("nvidia_com_gpu")) + ',' + label("unit", QStringLiteral("integer"))
                : label("resource", QStringLiteral("cpu")) + ',' + label("unit", QStringLiteral("core"));
            ksm.sample("kube_node_status_capacity", nodeLabel + ',' + resource, decimalText(ns.capacity));
            for (const char* status : { "true", "false", "unknown" }) {
                const bool active =
                    (ns.state == NodeState::Up) == (qstrcmp(status, "true") == 0) && qstrcmp(status, "unknown") != 0;
                ksm.sample("kube_node_status_condition",
                    nodeLabel + ',' + label("condition", QStringLiteral("Ready")) + ','
                        + label("status", QLatin1String(status)),
                    active ? "1" : "0");
            }
            for (const TenantStep& ts : ns.tenants) {
                const QString tenant = model.tenants[ts.tenant].id;
                const QString pod = tenant + (gpu ? QStringLiteral("-trainer-") : QStringLiteral("-worker-")) + node.id;
                ksm.sample("kube_pod_container_resource_requests",
                    label("namespace", tenant) + ',' + label("pod", pod) + ','
                        + label("container", QStringLiteral("main")) + ',' + nodeLabel + ',' + resource,
                    decimalText(ts.allocated));
                if (!gpu)
                    custom.sample("node_namespace_pod_container:container_cpu_usage_seconds_total:sum_irate",
                        label("namespace", tenant) + ',' + label("pod", pod) + ','
                            + label("container", QStringLiteral("main")) + ',' + nodeLabel,
                        decimalText(ts.used));
            }
            if (gpu && ns.state != NodeState::Down)
                dcgmSamples(dcgm, model, node, ns);
        }
    }
    out.files = { { QStringLiteral("kube-state-metrics.om"), ksm.finish() },
        { QStringLiteral("dcgm-exporter.prom"), dcgm.finish() },
        { QStringLiteral("custom-metrics.om"), custom.finish() },
        { QStringLiteral("custom-mapping.json"), customMapping() } };
    out.descriptors = { descriptor(
                            QStringLiteral("data/kube-state-metrics.om"), "openmetrics-text", "kube-state-metrics"),
        descriptor(QStringLiteral("data/dcgm-exporter.prom"), "prometheus-text", "dcgm-exporter"),
        descriptor(QStringLiteral("data/custom-metrics.om"), "openmetrics-text", nullptr,
            QStringLiteral("data/custom-mapping.json")) };
    return out;
}

} // namespace

TelemetryPayloadSet providerTelemetry(const DemoModel& model, int provider, qint64 first, qint64 end)
{
    if (model.providers[provider].telemetryFormat == TelemetryFormat::OpenMetrics)
        return metricTelemetry(model, provider, first, end);
    TelemetryPayloadSet out;
    const QByteArray csv = usageCsv(model, provider, first, end);
    out.rows = csv.count('\n') - 1;
    out.files = { { QStringLiteral("usage.csv"), csv } };
    out.descriptors = { descriptor(QStringLiteral("data/usage.csv"), kUsageCsvFormat) };
    return out;
}

TelemetryPayloadSet meterTelemetry(const DemoModel& model, int provider, qint64 first, qint64 end)
{
    const DemoProvider& p = model.providers[provider];
    const qint64 every = std::max<qint64>(1, 900 / model.config.stepSeconds);
    TelemetryPayloadSet out;
    Exposition dcgm(Exposition::Prometheus);
    dcgm.family("DCGM_FI_DEV_GPU_UTIL", "GPU utilization (in %).");
    for (qint64 step = first; step < end; step += every) {
        dcgm.scrape(model.stepTime(step));
        for (int n = 0; n < p.nodes.size(); ++n) {
            const DemoNode& node = p.nodes[n];
            if (node.resourceClass != u"gpu")
                continue;
            const NodeStep ns = simulateNode(model, provider, n, step);
            if (!ns.reported || ns.state == NodeState::Down)
                continue;
            // Fault meter-disagreement: the node was in fact unreachable; only the provider's telemetry says "up".
            const FaultPlan& f = model.faults;
            if (provider == f.meterProvider && n == f.meterNode && step >= f.meterFirst && step < f.meterEnd)
                continue;
            out.rows += 1 + ns.tenants.size();
            dcgmSamples(dcgm, model, node, ns);
        }
    }
    out.files = { { QStringLiteral("dcgm-exporter.prom"), dcgm.finish() } };
    out.descriptors = { descriptor(QStringLiteral("data/dcgm-exporter.prom"), "prometheus-text", "dcgm-exporter") };
    return out;
}

} // namespace capaudit::demo
