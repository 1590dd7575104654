// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/focuscsv.h"

#include "ingest/csvrecordreader.h"
#include "ingest/numbers.h"
#include "ingest/stringinterner.h"
#include "util/strictjson.h"
#include "util/timeutil.h"

#include <QHash>
#include <QIODevice>
#include <QJsonDocument>
#include <QSet>

namespace capaudit {

namespace {

const QString kTagResourceClass = QStringLiteral("capaudit/resource-class");
const QString kTagTenant = QStringLiteral("capaudit/tenant");

bool isNull(QByteArrayView v)
{
    return v.isEmpty() || v == "NULL";
}

const QSet<QString>& serviceCategories()
{
    static const QSet<QString> set = { QStringLiteral("AI and Machine Learning"), QStringLiteral("Analytics"),
        QStringLiteral("Business Applications"), QStringLiteral("Compute"), QStringLiteral("Databases"),
        QStringLiteral("Developer Tools"), QStringLiteral("Multicloud"), QStringLiteral("Identity"),
        QStringLiteral("Integration"), QStringLiteral("Internet of Things"),
        QStringLiteral("Management and Governance"), QStringLiteral("Media"), QStringLiteral("Migration"),
        QStringLiteral("Mobile"), QStringLiteral("Networking"), QStringLiteral("Security"), QStringLiteral("Storage"),
        QStringLiteral("Web"), QStringLiteral("Other") };
    return set;
}

class FocusParser {
public:
    FocusParser(QIODevice& in, const QString& fileName, BillingSink& sink)
        : m_reader(in, fileName)
        , m_fileName(fileName)
        , m_sink(sink)
    {
    }

    Status run()
    {
        QList<QByteArrayView> fields;
        if (!m_reader.next(fields))
            return m_reader.error() ? *m_reader.error()
                                    : Error(m_fileName, 1, {}, QStringLiteral("empty file, expected the FOCUS header"));
        if (Status s = header(fields); !s.ok())
            return s;
        qint64 blankLine = 0;
        while (m_reader.next(fields)) {
            if (fields.size() == 1 && fields[0].isEmpty()) {
                if (!blankLine)
                    blankLine = m_reader.recordLine();
                continue;
            }
            if (blankLine)
                return Error(m_fileName, blankLine, {}, QStringLiteral("empty line inside the data"));
            if (fields.size() != m_columns.size())
                return Error(m_fileName, m_reader.recordLine(), {},
                    QStringLiteral("expected %1 fields as in the header, found %2")
                        .arg(m_columns.size())
                        .arg(fields.size()));
            if (Status s = row(fields); !s.ok())
                return s;
        }
        if (m_reader.error())
            return *m_reader.error();
        return {};
    }

private:
    Status header(QList<QByteArrayView>& fields)
    {
        if (!fields.isEmpty() && fields[0].startsWith("\xEF\xBB\xBF"))
            fields[0] = fields[0].sliced(3); // Excel and Azure exports start with a UTF-8 BOM
        static const QSet<QString> known = [] {
            const QStringList all = focusKnownColumns();
            return QSet<QString>(all.begin(), all.end());
        }();
        for (qsizetype i = 0; i < fields.size(); ++i) {
            const QString name = QString::fromUtf8(fields[i]).trimmed();
            if (m_index.contains(name))
                return Error(m_fileName, 1, name, QStringLiteral("duplicate column"));
            if (!known.contains(name) && !name.startsWith(QLatin1String("x_")))
                return Error(m_fileName, 1, name,
                    QStringLiteral("not a FOCUS 1.0–1.2 column; custom columns must start with x_"));
            m_index.insert(name, static_cast<int>(i));
            m_columns.append(name);
        }
        QStringList missing;
        for (const QString& name : focusMandatoryColumns()) {
            if (!m_index.contains(name))
                missing.append(name);
        }
        if (!missing.isEmpty())
            return Error(
                m_fileName, 1, missing.join(QStringLiteral(", ")), QStringLiteral("missing mandatory FOCUS column(s)"));
        static const QSet<QString> mapped = { QStringLiteral("BillingAccountId"), QStringLiteral("BillingCurrency"),
            QStringLiteral("BillingPeriodStart"), QStringLiteral("BillingPeriodEnd"),
            QStringLiteral("ChargePeriodStart"), QStringLiteral("ChargePeriodEnd"), QStringLiteral("ChargeCategory"),
            QStringLiteral("ChargeClass"), QStringLiteral("ChargeDescription"), QStringLiteral("BilledCost"),
            QStringLiteral("EffectiveCost"), QStringLiteral("ListCost"), QStringLiteral("ContractedCost"),
            QStringLiteral("PricingQuantity"), QStringLiteral("ConsumedQuantity"),
            QStringLiteral("ContractedUnitPrice"), QStringLiteral("ListUnitPrice"), QStringLiteral("PricingUnit"),
            QStringLiteral("ConsumedUnit"), QStringLiteral("ProviderName"), QStringLiteral("PublisherName"),
            QStringLiteral("InvoiceIssuerName"), QStringLiteral("InvoiceId"), QStringLiteral("ServiceCategory"),
            QStringLiteral("ServiceName"), QStringLiteral("ResourceId"), QStringLiteral("ResourceName"),
            QStringLiteral("ResourceType"), QStringLiteral("RegionId"), QStringLiteral("SkuId"),
            QStringLiteral("SubAccountId"), QStringLiteral("SubAccountName"), QStringLiteral("Tags") };
        for (qsizetype i = 0; i < m_columns.size(); ++i) {
            if (m_columns[i].startsWith(QLatin1String("x_")))
                m_extensionColumns.append(static_cast<int>(i));
            else if (!mapped.contains(m_columns[i]))
                m_otherColumns.append(static_cast<int>(i));
        }
        return {};
    }

    int column(const char* name) const
    {
        return m_index.value(QLatin1String(name), -1);
    }

    Error error(int index, const QString& reason) const
    {
        return Error(m_fileName, m_reader.recordLine(), m_columns.value(index), reason);
    }

    // Text column: null -> empty; REQUIRED rejects null. Absent optional columns stay empty.
    Status text(const QList<QByteArrayView>& f, const char* name, QString& out, bool required)
    {
        const int i = column(name);
        if (i < 0)
            return {};
        if (isNull(f[i])) {
            if (required)
                return error(i, QStringLiteral("must not be null"));
            return {};
        }
        auto s = m_interner.intern(f[i]);
        if (!s)
            return error(i, QStringLiteral("not valid UTF-8"));
        out = *s;
        return {};
    }

    Status decimal(const QList<QByteArrayView>& f, const char* name, double& out, bool required)
    {
        const int i = column(name);
        if (i < 0 || isNull(f[i])) {
            if (required)
                return error(i, QStringLiteral("must not be null"));
            return {};
        }
        const auto v = ingest::parseFiniteDecimal(f[i]);
        if (!v)
            return error(i,
                QStringLiteral("'%1' is not a FOCUS decimal (digits, '.', optional '-' and exponent)")
                    .arg(ingest::excerpt(f[i])));
        out = *v;
        return {};
    }

    Status time(const QList<QByteArrayView>& f, const char* name, qint64& out)
    {
        const int i = column(name);
        if (isNull(f[i]))
            return error(i, QStringLiteral("must not be null"));
        const auto v = f[i].size() >= 19 ? parseUnixSeconds(f[i]) : std::nullopt;
        if (!v)
            return error(i,
                QStringLiteral("'%1' is not a date-time like 2026-01-01T00:00:00Z or 2026-01-01 00:00:00")
                    .arg(ingest::excerpt(f[i])));
        out = *v;
        return {};
    }

    Result<QJsonObject> jsonObject(const QList<QByteArrayView>& f, int i)
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(f[i].toByteArray(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject())
            return error(i,
                pe.error != QJsonParseError::NoError
                    ? QStringLiteral("not a JSON object: %1 at offset %2").arg(pe.errorString()).arg(pe.offset)
                    : QStringLiteral("not a JSON object"));
        if (Status strict = checkStrictJson(f[i], {}); !strict)
            return error(i, QStringLiteral("not a strict JSON object: %1").arg(strict.error().reason));
        return doc.object();
    }

    Status row(const QList<QByteArrayView>& f)
    {
        BillingRecord r;
        r.line = m_reader.recordLine();
        const bool req = true;
        const bool opt = false;
        for (const auto& [name, out, required] : {
                 std::tuple<const char*, QString*, bool> { "BillingAccountId", &r.billingAccountId, req },
                 { "BillingCurrency", &r.billingCurrency, req },
                 { "ChargeCategory", &r.chargeCategory, req },
                 { "ChargeClass", &r.chargeClass, opt },
                 { "ChargeDescription", &r.chargeDescription, opt },
                 { "PricingUnit", &r.pricingUnit, opt },
                 { "ConsumedUnit", &r.consumedUnit, opt },
                 { "ProviderName", &r.providerName, req },
                 { "PublisherName", &r.publisherName, req },
                 { "InvoiceIssuerName", &r.invoiceIssuerName, req },
                 { "InvoiceId", &r.invoiceId, opt },
                 { "ServiceCategory", &r.serviceCategory, req },
                 { "ServiceName", &r.serviceName, req },
                 { "ResourceId", &r.resourceId, opt },
                 { "ResourceName", &r.resourceName, opt },
                 { "ResourceType", &r.resourceType, opt },
                 { "RegionId", &r.regionId, opt },
                 { "SkuId", &r.skuId, opt },
                 { "SubAccountId", &r.subAccountId, opt },
                 { "SubAccountName", &r.subAccountName, opt },
             }) {
            if (Status s = text(f, name, *out, required); !s.ok())
                return s;
        }
        for (const auto& [name, out, required] : {
                 std::tuple<const char*, double*, bool> { "BilledCost", &r.billedCost, req },
                 { "EffectiveCost", &r.effectiveCost, req },
                 { "ListCost", &r.listCost, req },
                 { "ContractedCost", &r.contractedCost, req },
                 { "PricingQuantity", &r.pricingQuantity, opt },
                 { "ConsumedQuantity", &r.consumedQuantity, opt },
                 { "ContractedUnitPrice", &r.contractedUnitPrice, opt },
                 { "ListUnitPrice", &r.listUnitPrice, opt },
             }) {
            if (Status s = decimal(f, name, *out, required); !s.ok())
                return s;
        }
        for (const auto& [name, out] : {
                 std::pair<const char*, qint64*> { "BillingPeriodStart", &r.billingPeriodStart },
                 { "BillingPeriodEnd", &r.billingPeriodEnd },
                 { "ChargePeriodStart", &r.chargePeriodStart },
                 { "ChargePeriodEnd", &r.chargePeriodEnd },
             }) {
            if (Status s = time(f, name, *out); !s.ok())
                return s;
        }
        if (Status s = validate(r); !s.ok())
            return s;
        if (Status s = extras(f, r); !s.ok())
            return s;
        return m_sink.addBillingRecord(r);
    }

    Status validate(const BillingRecord& r)
    {
        static const QStringList categories = { QStringLiteral("Usage"), QStringLiteral("Purchase"),
            QStringLiteral("Tax"), QStringLiteral("Credit"), QStringLiteral("Adjustment") };
        if (!categories.contains(r.chargeCategory))
            return error(column("ChargeCategory"),
                QStringLiteral("'%1' is not one of %2").arg(r.chargeCategory, categories.join(QStringLiteral(", "))));
        if (!r.chargeClass.isEmpty() && r.chargeClass != QLatin1String("Correction"))
            return error(column("ChargeClass"), QStringLiteral("'%1' is not null or Correction").arg(r.chargeClass));
        if (r.billingCurrency.size() != 3 || r.billingCurrency.toUpper() != r.billingCurrency
            || !r.billingCurrency.front().isLetter())
            return error(
                column("BillingCurrency"), QStringLiteral("'%1' is not an ISO 4217 code").arg(r.billingCurrency));
        if (!serviceCategories().contains(r.serviceCategory))
            return error(column("ServiceCategory"),
                QStringLiteral("'%1' is not a FOCUS service category").arg(r.serviceCategory));
        if (r.billingPeriodEnd <= r.billingPeriodStart)
            return error(column("BillingPeriodEnd"), QStringLiteral("billing period ends before it starts"));
        if (r.chargePeriodEnd < r.chargePeriodStart)
            return error(column("ChargePeriodEnd"), QStringLiteral("charge period ends before it starts"));
        // Quantities only go negative when a charge is taken back.
        const bool reversal = r.chargeClass == QLatin1String("Correction")
            || r.chargeCategory == QLatin1String("Credit") || r.chargeCategory == QLatin1String("Adjustment");
        for (const auto& [name, value] : { std::pair<const char*, double> { "PricingQuantity", r.pricingQuantity },
                 { "ConsumedQuantity", r.consumedQuantity } }) {
            if (!reversal && !isMissing(value) && value < 0)
                return error(column(name),
                    QStringLiteral("negative quantity %1 on a charge that is not a correction, "
                                   "credit or adjustment")
                        .arg(value));
        }
        for (const auto& [name, value] :
            { std::pair<const char*, double> { "ContractedUnitPrice", r.contractedUnitPrice },
                { "ListUnitPrice", r.listUnitPrice } }) {
            if (!isMissing(value) && value < 0)
                return error(column(name), QStringLiteral("negative unit price %1").arg(value));
        }
        return {};
    }

    Status extras(const QList<QByteArrayView>& f, BillingRecord& r)
    {
        if (const int i = column("Tags"); i >= 0 && !isNull(f[i])) {
            auto tags = jsonObject(f, i);
            if (!tags)
                return tags.error();
            r.tags = *tags;
        }
        for (const int i : std::as_const(m_extensionColumns)) {
            if (isNull(f[i]))
                continue;
            auto s = m_interner.intern(f[i]);
            if (!s)
                return error(i, QStringLiteral("not valid UTF-8"));
            r.extensions.insert(m_columns[i], *s);
        }
        static const QSet<QString> decimals = { QStringLiteral("CommitmentDiscountQuantity"),
            QStringLiteral("PricingCurrencyContractedUnitPrice"), QStringLiteral("PricingCurrencyEffectiveCost"),
            QStringLiteral("PricingCurrencyListUnitPrice") };
        for (const int i : std::as_const(m_otherColumns)) {
            if (isNull(f[i]))
                continue;
            if (decimals.contains(m_columns[i]) && !ingest::parseFiniteDecimal(f[i]))
                return error(i, QStringLiteral("'%1' is not a FOCUS decimal").arg(ingest::excerpt(f[i])));
            if (m_columns[i] == QLatin1String("SkuPriceDetails")) {
                if (auto details = jsonObject(f, i); !details)
                    return details.error();
            }
            auto s = m_interner.intern(f[i]);
            if (!s)
                return error(i, QStringLiteral("not valid UTF-8"));
            r.otherColumns.insert(m_columns[i], *s);
        }
        // Reconciliation keys: explicit extension columns win over tags, tags over the sub-account.
        r.resourceClass =
            r.extensions.value(QStringLiteral("x_ResourceClass"), r.tags.value(kTagResourceClass).toString());
        r.tenant = r.extensions.value(QStringLiteral("x_Tenant"), r.tags.value(kTagTenant).toString());
        if (r.tenant.isEmpty())
            r.tenant = r.subAccountId;
        return {};
    }

    CsvRecordReader m_reader;
    const QString& m_fileName;
    BillingSink& m_sink;
    StringInterner m_interner;
    QHash<QString, int> m_index;
    QStringList m_columns;
    QList<int> m_extensionColumns;
    QList<int> m_otherColumns;
};

} // namespace

Status parseFocusCsv(QIODevice& in, const QString& fileName, BillingSink& sink)
{
    return FocusParser(in, fileName, sink).run();
}

} // namespace capaudit
