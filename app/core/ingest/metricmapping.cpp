// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/metricmapping.h"

#include "ingest/jsonreader.h"
#include "util/jsonutil.h"

#include <QHash>
#include <QMutex>

#include <cmath>

namespace capaudit {

namespace {

using R = JsonObjectReader;

QLatin1StringView k(const char* key)
{
    return QLatin1StringView(key);
}

constexpr std::pair<MetricTarget, const char*> kTargets[] = {
    { MetricTarget::Capacity, "capacity" },
    { MetricTarget::Allocatable, "allocatable" },
    { MetricTarget::Allocated, "allocated" },
    { MetricTarget::Used, "used" },
    { MetricTarget::UsedRatio, "used_ratio" },
    { MetricTarget::UsedRate, "used_rate" },
    { MetricTarget::Free, "free" },
    { MetricTarget::State, "state" },
    { MetricTarget::Reserved, "reserved" },
    { MetricTarget::AllocatedInit, "allocated_init" },
    { MetricTarget::Sidecar, "sidecar" },
};

// Named scales keep mapping files readable ("bytes-to-GiB" instead of 9.313225746154785e-10).
std::optional<double> namedScale(const QString& name)
{
    if (name == QLatin1String("bytes-to-GiB"))
        return 1.0 / 1073741824.0;
    if (name == QLatin1String("KiB-to-GiB"))
        return 1.0 / 1048576.0;
    if (name == QLatin1String("MiB-to-GiB"))
        return 1.0 / 1024.0;
    if (name == QLatin1String("bytes-to-TiB"))
        return 1.0 / 1099511627776.0;
    if (name == QLatin1String("percent"))
        return 0.01;
    if (name == QLatin1String("milli"))
        return 0.001;
    return std::nullopt;
}

std::optional<double> parseScale(R& r, const QJsonValue& value, const QString& at)
{
    std::optional<double> scale;
    if (value.isString())
        scale = namedScale(value.toString());
    else if (value.isDouble())
        scale = value.toDouble();
    if (!scale || !std::isfinite(*scale) || *scale <= 0) {
        r.fail(at,
            QStringLiteral("expected a positive number or one of bytes-to-GiB, KiB-to-GiB, MiB-to-GiB, "
                           "bytes-to-TiB, percent, milli"));
        return std::nullopt;
    }
    return scale;
}

// "node": "instance" or "node": ["node", "instance"]
QStringList labelList(R& r, const char* key, bool required)
{
    const QJsonValue value = r.raw(k(key));
    QStringList out;
    const QJsonArray list = value.isString() ? QJsonArray { value } : value.toArray();
    if (!value.isUndefined() && !value.isString() && !value.isArray())
        r.fail(r.pointer(k(key)), QStringLiteral("expected a label name or a list of them"));
    for (const QJsonValue& v : list) {
        if (!v.isString() || v.toString().isEmpty()) {
            r.fail(r.pointer(k(key)), QStringLiteral("expected label names"));
            return {};
        }
        out.append(v.toString());
    }
    if (required && out.isEmpty() && !r.failed())
        r.fail(r.pointer(k(key)), QStringLiteral("needs at least one label name"));
    return out;
}

std::optional<NodeState> stateValue(R& r, const QJsonValue& value, const QString& at)
{
    const auto state = value.isString() ? nodeStateFromName(value.toString()) : std::nullopt;
    if (!state)
        r.fail(at, QStringLiteral("expected up, down, maintenance or unknown"));
    return state;
}

MetricMapping parseMapping(R& m)
{
    MetricMapping out;
    out.metric = m.string(k("metric"));
    const QString targetName = m.string(k("target"));
    if (const auto target = metricTargetFromName(targetName))
        out.target = *target;
    else if (!targetName.isEmpty())
        m.fail(m.pointer(k("target")), QStringLiteral("'%1' is not a mapping target").arg(targetName));
    const bool isSidecar = out.target == MetricTarget::Sidecar;
    const bool isState = out.target == MetricTarget::State || isSidecar;
    const bool perTenant = out.target == MetricTarget::Allocated || out.target == MetricTarget::Used
        || out.target == MetricTarget::UsedRatio || out.target == MetricTarget::UsedRate
        || out.target == MetricTarget::AllocatedInit;

    out.resourceClass = m.string(k("resourceClass"), R::Optional);
    if (const QJsonValue scale = m.raw(k("scale")); !scale.isUndefined())
        out.scale = parseScale(m, scale, m.pointer(k("scale"))).value_or(1.0);
    out.resourceLabel = m.string(k("resourceLabel"), R::Optional);
    if (const auto resources = m.object(k("resources"), R::Optional)) {
        for (auto it = resources->constBegin(); it != resources->constEnd(); ++it) {
            const QString at = m.pointer(k("resources")) + QLatin1Char('/') + it.key();
            ResourceMapping rm;
            if (it->isString()) {
                rm.resourceClass = it->toString();
            } else if (it->isObject()) {
                R res = m.child(it->toObject(), at);
                rm.resourceClass = res.string(k("class"));
                if (const QJsonValue scale = res.raw(k("scale")); !scale.isUndefined())
                    rm.scale = parseScale(res, scale, res.pointer(k("scale"))).value_or(1.0);
                (void)res.finish();
            }
            if (rm.resourceClass.isEmpty())
                m.fail(at, QStringLiteral("expected a resource class or {\"class\", \"scale\"}"));
            out.resources.insert(it.key(), rm);
        }
    }
    if (!isState && out.resourceClass.isEmpty() == out.resourceLabel.isEmpty())
        m.fail(m.pointer(k("resourceClass")), QStringLiteral("give either resourceClass or resourceLabel"));
    if (!out.resourceLabel.isEmpty() && out.resources.isEmpty())
        m.fail(m.pointer(k("resources")), QStringLiteral("resourceLabel needs a resources table"));

    out.nodeLabels = labelList(m, "node", !isSidecar);
    out.tenantLabels = labelList(m, "tenant", false);
    if (!perTenant && !out.tenantLabels.isEmpty())
        m.fail(m.pointer(k("tenant")), QStringLiteral("only allocated, used, used_ratio and used_rate are per tenant"));
    out.deviceLabel = m.string(k("device"), R::Optional);
    if (const auto match = m.object(k("match"), R::Optional)) {
        for (auto it = match->constBegin(); it != match->constEnd(); ++it) {
            if (!it->isString())
                m.fail(m.pointer(k("match")) + QLatin1Char('/') + it.key(), QStringLiteral("expected a string"));
            out.match.insert(it.key(), it->toString());
        }
    }
    if (const auto exclude = m.object(k("exclude"), R::Optional)) {
        for (auto it = exclude->constBegin(); it != exclude->constEnd(); ++it) {
            QStringList values;
            const QJsonArray list = it->toArray();
            for (const QJsonValue& v : list)
                values.append(v.toString());
            if (!it->isArray() || values.contains(QString()))
                m.fail(m.pointer(k("exclude")) + QLatin1Char('/') + it.key(), QStringLiteral("expected strings"));
            out.exclude.insert(it.key(), values);
        }
    }
    if (const QJsonValue v = m.raw(k("skipEmptyNode")); !v.isUndefined()) {
        if (!v.isBool())
            m.fail(m.pointer(k("skipEmptyNode")), QStringLiteral("expected true or false"));
        out.skipEmptyNode = v.toBool();
    }
    if (const auto notNode = m.object(k("notNode"), R::Optional)) {
        for (auto it = notNode->constBegin(); it != notNode->constEnd(); ++it) {
            const QRegularExpression re(QRegularExpression::anchoredPattern(it->toString()));
            if (!it->isString() || !re.isValid())
                m.fail(m.pointer(k("notNode")) + QLatin1Char('/') + it.key(),
                    QStringLiteral("expected a regular expression"));
            out.notNode.insert(it.key(), re);
        }
    }
    out.requireLabel = m.string(k("requireLabel"), R::Optional);
    out.migProfileLabel = m.string(k("migProfileLabel"), R::Optional);
    out.podLabels = labelList(m, "pod", false);
    out.containerLabel = m.string(k("container"), R::Optional);
    const bool perPod = out.target == MetricTarget::AllocatedInit || isSidecar;
    if (perPod && (out.podLabels.isEmpty() || out.containerLabel.isEmpty()))
        m.fail(m.pointer(k("pod")), QStringLiteral("allocated_init and sidecar need pod and container labels"));
    if (!out.podLabels.isEmpty() && !perPod && out.target != MetricTarget::Allocated)
        m.fail(m.pointer(k("pod")), QStringLiteral("only allocated, allocated_init and sidecar take pod labels"));
    out.stateLabel = m.string(k("stateLabel"), R::Optional);
    if (const auto states = m.object(k("states"), R::Optional)) {
        for (auto it = states->constBegin(); it != states->constEnd(); ++it) {
            if (const auto s = stateValue(m, *it, m.pointer(k("states")) + QLatin1Char('/') + it.key()))
                out.states.insert(it.key(), *s);
        }
    }
    const QJsonValue fixed = m.raw(k("state"));
    if (!fixed.isUndefined()) {
        if (const auto s = stateValue(m, fixed, m.pointer(k("state"))))
            out.fixedState = *s;
    }
    const bool hasStates = !out.stateLabel.isEmpty() || !out.states.isEmpty();
    if (isState && !isSidecar
        && (hasStates == !fixed.isUndefined() || out.stateLabel.isEmpty() != out.states.isEmpty()))
        m.fail(m.pointer(k("target")), QStringLiteral("a state mapping needs either stateLabel with states, or state"));
    if ((!isState || isSidecar) && (hasStates || !fixed.isUndefined()))
        m.fail(m.pointer(k("target")), QStringLiteral("stateLabel, states and state apply to target 'state' only"));
    return out;
}

} // namespace

QString metricTargetName(MetricTarget target)
{
    for (const auto& [t, name] : kTargets) {
        if (t == target)
            return QString::fromLatin1(name);
    }
    return {};
}

std::optional<MetricTarget> metricTargetFromName(QStringView name)
{
    for (const auto& [t, n] : kTargets) {
        if (name == QLatin1StringView(n))
            return t;
    }
    return std::nullopt;
}

Result<MappingSet> MappingSet::fromJson(const QJsonObject& json, const QString& fileName)
{
    MappingSet set;
    R r(json, fileName);
    if (const auto version = r.integer(k("version"), R::Optional); version && *version != 1)
        r.fail(r.pointer(k("version")), QStringLiteral("unsupported mapping version %1 (expected 1)").arg(*version));
    r.forEachObject(k("mappings"), R::Required, [&](R& m, qsizetype) { set.m_mappings.append(parseMapping(m)); });
    if (!r.failed() && set.m_mappings.isEmpty())
        r.fail(r.pointer(k("mappings")), QStringLiteral("must list at least one mapping"));
    if (Status s = r.finish(); !s.ok())
        return s.error();
    for (qsizetype i = 0; i < set.m_mappings.size(); ++i)
        set.m_byMetric[set.m_mappings[i].metric].append(i);
    return set;
}

Result<MappingSet> MappingSet::fromJsonBytes(const QByteArray& bytes, const QString& fileName)
{
    auto json = parseJsonObject(bytes, fileName);
    if (!json)
        return json.error();
    return fromJson(*json, fileName);
}

Result<MappingSet> MappingSet::builtinProfile(const QString& name)
{
    // A built-in profile is a constant, so it is built from its JSON once per process: that was most of the import
    // of a small payload (and 75 % of the metric-text fuzz target's time). Copies share the compiled patterns, which
    // the import threads may use at once: Qt 6 compiles a QRegularExpression under its own lock and matches on a
    // const object. Never destroyed, like every other process-wide cache here.
    static QMutex mutex;
    static auto* built = new QHash<QString, MappingSet>;
    QMutexLocker lock(&mutex);
    if (const auto it = built->constFind(name); it != built->constEnd())
        return *it;
    const QByteArray json = builtinProfileJson(name);
    if (json.isEmpty())
        return Error({}, 0, QStringLiteral("profile"),
            QStringLiteral("unknown profile '%1' (known: %2)")
                .arg(name, builtinProfileNames().join(QStringLiteral(", "))));
    Result<MappingSet> set = fromJsonBytes(json, QStringLiteral("builtin:") + name);
    if (set)
        built->insert(name, *set);
    return set;
}

Result<MappingSet> MappingSet::forPayload(
    const QString& profile, const QByteArray& userMapping, const QString& mappingFileName)
{
    MappingSet set;
    if (!profile.isEmpty()) {
        auto builtin = builtinProfile(profile);
        if (!builtin)
            return builtin.error();
        set.append(*builtin);
    }
    if (!userMapping.isEmpty()) {
        auto user = fromJsonBytes(userMapping, mappingFileName);
        if (!user)
            return user.error();
        set.append(*user);
    }
    if (set.isEmpty())
        return Error(mappingFileName, QStringLiteral("no profile and no mapping: nothing in the payload would map"));
    return set;
}

void MappingSet::append(const MappingSet& other)
{
    for (const MetricMapping& m : other.m_mappings) {
        m_byMetric[m.metric].append(m_mappings.size());
        m_mappings.append(m);
    }
}

const QList<qsizetype>* MappingSet::find(const QString& metric) const
{
    const auto it = m_byMetric.constFind(metric);
    return it == m_byMetric.constEnd() ? nullptr : &it.value();
}

} // namespace capaudit
