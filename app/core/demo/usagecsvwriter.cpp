// SPDX-License-Identifier: GPL-3.0-or-later
#include "demo/usagecsvwriter.h"

#include "demo/demoformat.h"
#include "demo/simulation.h"

namespace capaudit::demo {

QByteArray usageCsv(const DemoModel& model, int provider, qint64 first, qint64 end)
{
    const DemoProvider& p = model.providers[provider];
    const StepTimes times(model.config.startSeconds(), model.config.stepSeconds, first, end);
    QList<QByteArray> tenantIds;
    for (const DemoTenant& t : model.tenants)
        tenantIds.append(t.id.toUtf8());

    QByteArray out("time,node,resource_class,tenant,allocated,used,capacity,state\n");
    out.reserve((end - first) * p.nodes.size() * 4 * 64);
    for (qint64 step = first; step < end; ++step) {
        const QByteArray& time = times.text(step);
        for (int n = 0; n < p.nodes.size(); ++n) {
            const NodeStep ns = simulateNode(model, provider, n, step);
            if (!ns.reported)
                continue;
            const QByteArray prefix =
                time + ',' + p.nodes[n].id.toUtf8() + ',' + p.nodes[n].resourceClass.toUtf8() + ',';
            out += prefix;
            out += ",,,"; // no tenant, allocated or used on the node row
            out += decimalText(ns.capacity);
            out += ',';
            out += nodeStateName(ns.state).toUtf8();
            out += '\n';
            // The duplicate-tenant-rows fault writes every tenant row of its node twice.
            const bool twice = provider == model.faults.duplicateProvider && n == model.faults.duplicateNode
                && step >= model.faults.duplicateFirst && step < model.faults.duplicateEnd;
            for (int copy = 0; copy < (twice ? 2 : 1); ++copy)
                for (const TenantStep& ts : ns.tenants) {
                    out += prefix;
                    out += tenantIds[ts.tenant];
                    out += ',';
                    out += decimalText(ts.allocated);
                    out += ',';
                    out += decimalText(ts.used);
                    out += ",,\n";
                }
        }
    }
    return out;
}

QByteArray tenantRowsCsv(const DemoModel& model, int provider, int node, qint64 first, qint64 end)
{
    const DemoProvider& p = model.providers[provider];
    const StepTimes times(model.config.startSeconds(), model.config.stepSeconds, first, end);
    QByteArray out("time,node,resource_class,tenant,allocated,used,capacity,state\n");
    for (qint64 step = first; step < end; ++step) {
        const NodeStep ns = simulateNode(model, provider, node, step);
        if (!ns.reported)
            continue;
        for (const TenantStep& ts : ns.tenants)
            out += times.text(step) + ',' + p.nodes[node].id.toUtf8() + ',' + p.nodes[node].resourceClass.toUtf8() + ','
                + model.tenants[ts.tenant].id.toUtf8() + ',' + decimalText(ts.allocated) + ',' + decimalText(ts.used)
                + ",,\n";
    }
    return out;
}

} // namespace capaudit::demo
