// SPDX-License-Identifier: GPL-3.0-or-later
// What-if scenarios: JSON form, application to a class plan, storage in the case.
#include "analytics/capacityplan.h"
#include "store/casestore.h"
#include "util/timeutil.h"

#include <QJsonArray>

#include <cmath>

namespace capaudit::analytics {

namespace {

QJsonValue timeValue(qint64 t)
{
    return t == 0 ? QJsonValue() : QJsonValue(formatUnixSeconds(t));
}

// Strict reading of one JSON object: every key must be known, types must match.
class Reader {
public:
    Reader(const QJsonObject& object, QString file, QString path)
        : m_object(object)
        , m_file(std::move(file))
        , m_path(std::move(path))
    {
    }

    std::optional<Error> unknownKeys(std::initializer_list<const char*> known) const
    {
        for (auto it = m_object.begin(); it != m_object.end(); ++it) {
            bool found = false;
            for (const char* k : known)
                found = found || it.key() == QLatin1String(k);
            if (!found)
                return fail(it.key(), QStringLiteral("unknown key"));
        }
        return std::nullopt;
    }
    std::optional<Error> string(const char* key, QString& out, bool required = false) const
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return required ? fail(QLatin1String(key), QStringLiteral("required")) : std::optional<Error>();
        if (!v.isString())
            return fail(QLatin1String(key), QStringLiteral("not a string"));
        out = v.toString();
        return std::nullopt;
    }
    std::optional<Error> number(const char* key, double& out, bool required = false) const
    {
        const QJsonValue v = m_object.value(QLatin1String(key));
        if (v.isUndefined() || v.isNull())
            return required ? fail(QLatin1String(key), QStringLiteral("required")) : std::optional<Error>();
        if (!v.isDouble() || !std::isfinite(v.toDouble()))
            return fail(QLatin1String(key), QStringLiteral("not a number"));
        out = v.toDouble();
        return std::nullopt;
    }
    std::optional<Error> time(const char* key, qint64& out) const
    {
        QString text;
        if (auto e = string(key, text))
            return e;
        if (text.isEmpty())
            return std::nullopt;
        const std::optional<QDateTime> t = parseTimestamp(text);
        if (!t)
            return fail(QLatin1String(key), QStringLiteral("not an ISO 8601 time: '%1'").arg(text));
        out = t->toSecsSinceEpoch();
        return std::nullopt;
    }
    Error fail(const QString& key, const QString& why) const
    {
        return Error(m_file, 0, m_path + QLatin1Char('/') + key, why);
    }

private:
    const QJsonObject& m_object;
    QString m_file;
    QString m_path;
};

} // namespace

bool Scenario::appliesTo(const QString& p, const QString& rc) const
{
    return (provider.isEmpty() || provider == p) && (resourceClass.isEmpty() || resourceClass == rc);
}

QJsonObject Scenario::toJson() const
{
    QJsonArray tenants;
    for (const TenantOnboarding& t : onboarding)
        tenants.append(QJsonObject { { QStringLiteral("tenant"), t.tenant }, { QStringLiteral("provider"), t.provider },
            { QStringLiteral("resourceClass"), t.resourceClass }, { QStringLiteral("quantity"), t.quantity },
            { QStringLiteral("start"), timeValue(t.start) } });
    return { { QStringLiteral("name"), name }, { QStringLiteral("description"), description },
        { QStringLiteral("provider"), provider }, { QStringLiteral("resourceClass"), resourceClass },
        { QStringLiteral("demandGrowthPercent"), demandGrowthPercent },
        { QStringLiteral("capacityChange"), capacityChange },
        { QStringLiteral("capacityChangeFrom"), timeValue(capacityChangeFrom) },
        { QStringLiteral("onboarding"), tenants } };
}

Result<Scenario> Scenario::fromJson(const QJsonObject& json, const QString& fileName)
{
    Scenario s;
    const Reader r(json, fileName, QString());
    if (auto e = r.unknownKeys({ "name", "description", "provider", "resourceClass", "demandGrowthPercent",
            "capacityChange", "capacityChangeFrom", "onboarding" }))
        return *e;
    if (auto e = r.string("name", s.name, true))
        return *e;
    if (s.name.trimmed().isEmpty())
        return r.fail(QStringLiteral("name"), QStringLiteral("empty"));
    for (auto e : { r.string("description", s.description), r.string("provider", s.provider),
             r.string("resourceClass", s.resourceClass), r.number("demandGrowthPercent", s.demandGrowthPercent),
             r.number("capacityChange", s.capacityChange), r.time("capacityChangeFrom", s.capacityChangeFrom) })
        if (e)
            return *e;
    if (s.demandGrowthPercent <= -100)
        return r.fail(QStringLiteral("demandGrowthPercent"), QStringLiteral("must be above -100"));
    const QJsonValue list = json.value(QStringLiteral("onboarding"));
    if (!list.isUndefined() && !list.isNull() && !list.isArray())
        return r.fail(QStringLiteral("onboarding"), QStringLiteral("not an array"));
    const QJsonArray entries = list.toArray();
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QString path = QStringLiteral("/onboarding/%1").arg(i);
        if (!entries[i].isObject())
            return Error(fileName, 0, path, QStringLiteral("not an object"));
        const QJsonObject object = entries[i].toObject();
        const Reader entry(object, fileName, path);
        TenantOnboarding t;
        if (auto e = entry.unknownKeys({ "tenant", "provider", "resourceClass", "quantity", "start" }))
            return *e;
        for (auto e : { entry.string("tenant", t.tenant, true), entry.string("provider", t.provider),
                 entry.string("resourceClass", t.resourceClass, true), entry.number("quantity", t.quantity, true),
                 entry.time("start", t.start) })
            if (e)
                return *e;
        s.onboarding.append(t);
    }
    return s;
}

std::optional<qint64> firstExceedance(
    const QList<ForecastPoint>& points, const QList<double>& capacityLine, bool upperBand)
{
    for (qsizetype i = 0; i < points.size() && i < capacityLine.size(); ++i) {
        const double demand = upperBand ? points[i].upper95 : points[i].mean;
        if (demand > capacityLine[i])
            return points[i].time;
    }
    return std::nullopt;
}

void applyScenario(ClassPlan& plan, const Scenario& scenario, int horizonSteps)
{
    if (!plan.scenarioApplied) {
        plan.baselineExhaustionExpected = plan.exhaustionExpected;
        plan.baselineExhaustionConservative = plan.exhaustionConservative;
    }
    plan.scenarioApplied = true;
    plan.points = plan.forecast.points;
    plan.capacityLine.fill(plan.capacity, plan.points.size());
    const double steps = std::max(1, horizonSteps);
    for (qsizetype k = 0; k < plan.points.size(); ++k) {
        ForecastPoint& p = plan.points[k];
        // Growth reaches demandGrowthPercent at the end of the horizon, rising linearly from the first step.
        const double factor = 1 + scenario.demandGrowthPercent / 100.0 * double(k + 1) / steps;
        double added = 0;
        for (const TenantOnboarding& t : scenario.onboarding) {
            const bool matches = (t.provider.isEmpty() || t.provider == plan.provider)
                && (t.resourceClass.isEmpty() || t.resourceClass == plan.resourceClass);
            if (matches && p.time >= t.start)
                added += t.quantity;
        }
        for (double* v : { &p.mean, &p.lower80, &p.upper80, &p.lower95, &p.upper95 })
            *v = *v * factor + added;
        if (p.time >= scenario.capacityChangeFrom)
            plan.capacityLine[k] += scenario.capacityChange;
    }
    plan.exhaustionExpected = firstExceedance(plan.points, plan.capacityLine, false);
    plan.exhaustionConservative = firstExceedance(plan.points, plan.capacityLine, true);
}

Status saveScenario(CaseStore& store, const Scenario& scenario)
{
    if (scenario.name.trimmed().isEmpty())
        return Error(QStringLiteral("scenario"), 0, QStringLiteral("name"), QStringLiteral("a scenario needs a name"));
    Result<CaseDocument> saved = store.saveDocument(QStringLiteral("scenario"), scenario.name, scenario.toJson());
    if (!saved)
        return saved.error();
    return {};
}

Result<std::optional<Scenario>> loadScenario(CaseStore& store, const QString& name)
{
    Result<std::optional<CaseDocument>> document = store.latestDocument(QStringLiteral("scenario"), name);
    if (!document)
        return document.error();
    if (!document->has_value())
        return std::optional<Scenario>();
    Result<Scenario> scenario =
        Scenario::fromJson((*document)->content, QStringLiteral("scenario '%1' in the case").arg(name));
    if (!scenario)
        return scenario.error();
    return std::optional<Scenario>(*scenario);
}

Result<QList<Scenario>> listScenarios(CaseStore& store)
{
    Result<QList<CaseDocument>> documents = store.documents(QStringLiteral("scenario"));
    if (!documents)
        return documents.error();
    QList<Scenario> out;
    for (const CaseDocument& d : *documents) {
        Result<Scenario> scenario =
            Scenario::fromJson(d.content, QStringLiteral("scenario '%1' in the case").arg(d.name));
        if (!scenario)
            return scenario.error();
        out.append(*scenario);
    }
    return out;
}

} // namespace capaudit::analytics
