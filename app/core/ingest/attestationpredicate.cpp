// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/jsonreader.h"
#include "ingest/predicates.h"

#include <QRegularExpression>
#include <QSet>

namespace capaudit {

namespace {

using R = JsonObjectReader;

QLatin1StringView k(const char* key)
{
    return QLatin1StringView(key);
}

bool isCountryCode(const QString& code)
{
    static const QRegularExpression re(QStringLiteral("^[A-Z]{2}$"));
    return re.match(code).hasMatch();
}

// A finite number within [MIN, MAX] (MIN exclusive when EXCLUSIVE_MIN).
std::optional<double> bounded(R& r, const char* key, R::Presence presence, double min, double max, bool exclusiveMin)
{
    const auto v = r.quantity(k(key), presence);
    if (!v)
        return std::nullopt;
    if (*v < min || (exclusiveMin && *v == min) || *v > max) {
        r.fail(r.pointer(k(key)),
            QStringLiteral("%1 is outside %2%3, %4]")
                .arg(*v)
                .arg(exclusiveMin ? QStringLiteral("(") : QStringLiteral("["))
                .arg(min)
                .arg(max));
        return std::nullopt;
    }
    return v;
}

void uniqueId(R& r, QSet<QString>& seen, const QString& id, const char* what)
{
    if (id.isEmpty())
        return;
    if (seen.contains(id))
        r.fail(r.pointer(k("id")), QStringLiteral("duplicate %1 id '%2'").arg(QLatin1StringView(what), id));
    seen.insert(id);
}

void parseContract(R& r, AttestationClaims& out)
{
    const auto contract = r.object(k("contract"));
    if (!contract)
        return;
    R c = r.child(*contract, r.pointer(k("contract")));
    out.contractId = c.string(k("id"));
    out.buyer = c.identifier(k("buyer"), R::Optional);
    out.currency = c.string(k("currency"), R::Optional);
    if (!out.currency.isEmpty() && !QRegularExpression(QStringLiteral("^[A-Z]{3}$")).match(out.currency).hasMatch())
        c.fail(c.pointer(k("currency")), QStringLiteral("'%1' is not an ISO 4217 currency code").arg(out.currency));
    if (const auto p = c.period(k("period")))
        out.period = *p;
    if (const auto list = c.array(k("allowedJurisdictions"), R::Optional)) {
        for (qsizetype i = 0; i < list->size(); ++i) {
            const QString code = list->at(i).toString();
            if (!isCountryCode(code)) {
                c.fail(c.pointer(k("allowedJurisdictions")) + QLatin1Char('/') + QString::number(i),
                    QStringLiteral("expected an ISO 3166-1 alpha-2 code like DE"));
                break;
            }
            out.allowedJurisdictions.append(code);
        }
    }
    (void)c.finish();
}

void parseSla(R& r, SlaTerms& sla)
{
    const auto obj = r.object(k("sla"), R::Optional);
    if (!obj)
        return;
    R s = r.child(*obj, r.pointer(k("sla")));
    sla.availabilityTarget = bounded(s, "availabilityTarget", R::Required, 0, 1, true).value_or(0);
    sla.creditPercent = bounded(s, "creditPercent", R::Optional, 0, 100, false).value_or(0);
    if (s.has(k("measurementWindow")) && obj->value(QLatin1StringView("measurementWindow")).isString()) {
        const QString text = s.string(k("measurementWindow"));
        const auto seconds = parseIsoDuration(text);
        if (!seconds)
            s.fail(s.pointer(k("measurementWindow")),
                QStringLiteral("'%1' is not an ISO 8601 duration with days, weeks, hours, minutes or seconds "
                               "(like P30D)")
                    .arg(text));
        sla.measurementWindowSeconds = seconds.value_or(0);
    } else if (const auto seconds = s.integer(k("measurementWindow"), R::Optional)) {
        if (*seconds <= 0)
            s.fail(s.pointer(k("measurementWindow")), QStringLiteral("must be positive"));
        sla.measurementWindowSeconds = *seconds;
    }
    (void)s.finish();
}

} // namespace

Result<AttestationClaims> parseAttestationPredicate(const QJsonObject& predicate, const QString& fileName)
{
    AttestationClaims out;
    R r(predicate, fileName);
    out.provider = r.identifier(k("provider"));
    out.signedAt = r.timestamp(k("signedAt"), R::Optional).value_or(0);
    parseContract(r, out);

    QSet<QString> tenantIds;
    r.forEachObject(k("tenants"), R::Optional, [&](R& t, qsizetype) {
        Tenant tenant { t.identifier(k("id")), t.string(k("name"), R::Optional) };
        uniqueId(t, tenantIds, tenant.id, "tenant");
        out.tenants.append(tenant);
    });

    r.forEachObject(k("commitments"), R::Required, [&](R& c, qsizetype) {
        Commitment commitment;
        commitment.resourceClass = c.identifier(k("resourceClass"));
        commitment.region = c.string(k("region"), R::Optional);
        commitment.unit = c.string(k("unit"), R::Optional);
        commitment.quantity = bounded(c, "quantity", R::Required, 0, 1e15, false).value_or(0);
        commitment.overcommitLimit = bounded(c, "overcommitLimit", R::Optional, 0, 1000, true).value_or(1.0);
        commitment.period = c.period(k("period"), R::Optional).value_or(out.period);
        if (!c.failed() && (commitment.period.start < out.period.start || commitment.period.end > out.period.end))
            c.fail(c.pointer(k("period")), QStringLiteral("commitment period lies outside the contract period"));
        out.commitments.append(commitment);
    });
    if (!r.failed() && out.commitments.isEmpty())
        r.fail(r.pointer(k("commitments")), QStringLiteral("must list at least one commitment"));

    QSet<QString> nodeIds;
    r.forEachObject(k("nodes"), R::Required, [&](R& n, qsizetype) {
        AttestedNode node;
        node.id = n.identifier(k("id"));
        uniqueId(n, nodeIds, node.id, "node");
        node.hardwareClass = n.string(k("hardwareClass"), R::Optional);
        node.region = n.string(k("region"), R::Optional);
        node.jurisdiction = n.string(k("jurisdiction"));
        if (!node.jurisdiction.isEmpty() && !isCountryCode(node.jurisdiction))
            n.fail(n.pointer(k("jurisdiction")), QStringLiteral("expected an ISO 3166-1 alpha-2 code like DE"));
        if (const auto capacity = n.object(k("capacity"))) {
            R cap = n.child(*capacity, n.pointer(k("capacity")));
            for (auto it = capacity->constBegin(); it != capacity->constEnd(); ++it) {
                static const QRegularExpression classRe(QStringLiteral("^[a-z0-9][a-z0-9._-]*$"));
                if (!classRe.match(it.key()).hasMatch()) {
                    cap.fail(cap.pointer(QLatin1StringView(it.key().toLatin1())),
                        QStringLiteral("resource class must be lowercase letters, digits, '.', '_' or '-'"));
                    break;
                }
                const QByteArray key = it.key().toLatin1();
                if (const auto v = bounded(cap, key.constData(), R::Required, 0, 1e15, false))
                    node.capacity.insert(it.key(), *v);
            }
            if (!cap.failed() && node.capacity.isEmpty())
                n.fail(n.pointer(k("capacity")), QStringLiteral("must state at least one resource class"));
            (void)cap.finish();
        }
        out.nodes.append(node);
    });
    if (!r.failed() && out.nodes.isEmpty())
        r.fail(r.pointer(k("nodes")), QStringLiteral("must list at least one node"));

    parseSla(r, out.sla);

    r.forEachObject(k("prices"), R::Optional, [&](R& p, qsizetype) {
        UnitPrice price;
        price.resourceClass = p.identifier(k("resourceClass"));
        price.unit = p.string(k("unit"));
        price.price = bounded(p, "unitPrice", R::Required, 0, 1e12, false).value_or(0);
        price.currency = p.string(k("currency"), R::Optional);
        if (price.currency.isEmpty())
            price.currency = out.currency;
        else if (!QRegularExpression(QStringLiteral("^[A-Z]{3}$")).match(price.currency).hasMatch())
            p.fail(
                p.pointer(k("currency")), QStringLiteral("'%1' is not an ISO 4217 currency code").arg(price.currency));
        out.prices.append(price);
    });

    if (Status s = r.finish(); !s.ok())
        return s.error();
    return out;
}

} // namespace capaudit
