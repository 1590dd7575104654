// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/focuscsv.h"

#include "ingest/csvrecordreader.h"
#include "ingest/dataquality.h"
#include "ingest/focusrules.h"
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

class FocusParser {
public:
    FocusParser(QIODevice& in, const QString& fileName, BillingSink& sink, const FocusOptions& options)
        : m_reader(in, fileName)
        , m_fileName(fileName)
        , m_sink(sink)
        , m_options(options)
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
            if (blankLine) {
                if (Status s = issue(-1, blankLine, QStringLiteral("row/blank-line"),
                        QStringLiteral("empty line inside the data"), false);
                    !s.ok())
                    return s;
                blankLine = 0;
            }
            if (m_options.quality)
                m_options.quality->addRows(m_fileName, 1);
            if (fields.size() != m_columns.size()) {
                // Without its fields in place the row cannot be stored: it is counted and left out.
                if (Status s = issue(-1, m_reader.recordLine(), QStringLiteral("row/field-count"),
                        QStringLiteral("expected %1 fields as in the header, found %2")
                            .arg(m_columns.size())
                            .arg(fields.size()),
                        true);
                    !s.ok())
                    return s;
                continue;
            }
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
            if (!known.contains(name) && !name.startsWith(QLatin1String("x_"))) {
                // A data-quality fact, not a refusal: the official FOCUS 1.0 sample has such a column ("Id").
                // Its values are ignored.
                if (Status s = issue(static_cast<int>(i), 1, QStringLiteral("header/custom-column"),
                        QStringLiteral("'%1' is not a FOCUS 1.0–1.2 column; custom columns must start with x_ "
                                       "(its values are ignored)")
                            .arg(name),
                        false, name);
                    !s.ok())
                    return s;
                m_ignored.insert(static_cast<int>(i));
            } else if (const QString introduced = focusColumnVersion(name);
                       !m_options.version.isEmpty() && !introduced.isEmpty() && introduced > m_options.version) {
                if (Status s = issue(static_cast<int>(i), 1, QStringLiteral("header/column-version"),
                        QStringLiteral("'%1' is a FOCUS %2 column in a file declared FOCUS %3")
                            .arg(name, introduced, m_options.version),
                        false, name);
                    !s.ok())
                    return s;
            }
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
            if (m_ignored.contains(static_cast<int>(i)))
                continue;
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

    // A broken rule: strict mode stops with an Error; with a quality log the issue is logged (and the row flagged)
    // and parsing goes on.
    Status issue(
        int index, qint64 line, const QString& rule, const QString& reason, bool quarantine, const QString& column = {})
    {
        const QString field = column.isEmpty() ? m_columns.value(index) : column;
        if (!m_options.quality)
            return Error(m_fileName, line, field, reason);
        m_options.quality->add(m_fileName, { rule, field, line, reason, quarantine });
        if (m_row && !rule.startsWith(QLatin1String("row/")))
            (quarantine ? m_row->quarantine : m_row->notes).append(rule);
        return {};
    }

    Status error(int index, const QString& check, const QString& reason)
    {
        return issue(index, m_reader.recordLine(), m_columns.value(index) + QLatin1Char('/') + check, reason, true);
    }

    // Text column: null -> empty; REQUIRED rejects null. Absent optional columns stay empty.
    Status text(const QList<QByteArrayView>& f, const char* name, QString& out, bool required)
    {
        const int i = column(name);
        if (i < 0)
            return {};
        if (isNull(f[i])) {
            if (required)
                return error(i, QStringLiteral("not-null"), QStringLiteral("must not be null"));
            return {};
        }
        auto s = m_interner.intern(f[i]);
        if (!s)
            return error(i, QStringLiteral("utf-8"), QStringLiteral("not valid UTF-8"));
        out = *s;
        return {};
    }

    Status decimal(const QList<QByteArrayView>& f, const char* name, double& out, bool required)
    {
        const int i = column(name);
        if (i < 0 || isNull(f[i])) {
            if (required && qstrcmp(name, "ContractedCost") == 0) {
                // MUST NOT be null in 1.0-1.2, yet real exports leave it null (the Oracle rows of the official
                // sample): noted, the row is kept, the consistency rule skips the missing value.
                out = kMissing;
                return issue(i, m_reader.recordLine(), QStringLiteral("ContractedCost/not-null"),
                    QStringLiteral("ContractedCost is null (FOCUS: MUST NOT be null; tolerated)"), false);
            }
            if (required)
                return error(i, QStringLiteral("not-null"), QStringLiteral("must not be null"));
            return {};
        }
        const auto v = ingest::parseFiniteDecimal(f[i]);
        if (!v)
            return error(i, QStringLiteral("decimal"),
                QStringLiteral("'%1' is not a FOCUS decimal (digits, '.', optional '-' and exponent)")
                    .arg(ingest::excerpt(f[i])));
        out = *v;
        return {};
    }

    Status time(const QList<QByteArrayView>& f, const char* name, qint64& out)
    {
        const int i = column(name);
        if (isNull(f[i]))
            return error(i, QStringLiteral("not-null"), QStringLiteral("must not be null"));
        const auto v = f[i].size() >= 19 ? parseUnixSeconds(f[i]) : std::nullopt;
        if (!v)
            return error(i, QStringLiteral("date-time"),
                QStringLiteral("'%1' is not a date-time like 2026-01-01T00:00:00Z or 2026-01-01 00:00:00")
                    .arg(ingest::excerpt(f[i])));
        out = *v;
        return {};
    }

    // Null when the value is not a JSON object (an issue is logged, or in strict mode ERROR is set).
    std::optional<QJsonObject> jsonObject(const QList<QByteArrayView>& f, int i, Status& status)
    {
        QJsonParseError pe;
        const QJsonDocument doc = QJsonDocument::fromJson(f[i].toByteArray(), &pe);
        if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
            status = error(i, QStringLiteral("json"),
                pe.error != QJsonParseError::NoError
                    ? QStringLiteral("not a JSON object: %1 at offset %2").arg(pe.errorString()).arg(pe.offset)
                    : QStringLiteral("not a JSON object"));
            return std::nullopt;
        }
        if (Status strict = checkStrictJson(f[i], {}); !strict) {
            status = error(
                i, QStringLiteral("json"), QStringLiteral("not a strict JSON object: %1").arg(strict.error().reason));
            return std::nullopt;
        }
        return doc.object();
    }

    Status row(const QList<QByteArrayView>& f)
    {
        BillingRecord r;
        r.line = m_reader.recordLine();
        m_row = &r;
        const Status status = fill(f, r);
        m_row = nullptr;
        if (!status.ok())
            return status;
        return m_sink.addBillingRecord(r);
    }

    Status fill(const QList<QByteArrayView>& f, BillingRecord& r)
    {
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
        Status verdict;
        focus::checkRow(
            r, m_options.version, [&](const char* name, const QString& rule, const QString& reason, bool quarantine) {
                if (verdict.ok())
                    verdict = issue(column(name), r.line, rule, reason, quarantine);
            });
        if (!verdict.ok())
            return verdict;
        return extras(f, r);
    }

    Status extras(const QList<QByteArrayView>& f, BillingRecord& r)
    {
        if (const int i = column("Tags"); i >= 0 && !isNull(f[i])) {
            Status status;
            if (auto tags = jsonObject(f, i, status))
                r.tags = *tags;
            else if (!status.ok())
                return status;
        }
        for (const int i : std::as_const(m_extensionColumns)) {
            if (isNull(f[i]))
                continue;
            auto s = m_interner.intern(f[i]);
            if (!s) {
                if (Status st = error(i, QStringLiteral("utf-8"), QStringLiteral("not valid UTF-8")); !st.ok())
                    return st;
                continue;
            }
            r.extensions.insert(m_columns[i], *s);
        }
        static const QSet<QString> decimals = { QStringLiteral("CommitmentDiscountQuantity"),
            QStringLiteral("PricingCurrencyContractedUnitPrice"), QStringLiteral("PricingCurrencyEffectiveCost"),
            QStringLiteral("PricingCurrencyListUnitPrice") };
        for (const int i : std::as_const(m_otherColumns)) {
            if (isNull(f[i]))
                continue;
            if (decimals.contains(m_columns[i]) && !ingest::parseFiniteDecimal(f[i])) {
                if (Status st = error(i, QStringLiteral("decimal"),
                        QStringLiteral("'%1' is not a FOCUS decimal").arg(ingest::excerpt(f[i])));
                    !st.ok())
                    return st;
                continue;
            }
            if (m_columns[i] == QLatin1String("SkuPriceDetails")) {
                Status status;
                if (!jsonObject(f, i, status) && !status.ok())
                    return status;
            }
            auto s = m_interner.intern(f[i]);
            if (!s) {
                if (Status st = error(i, QStringLiteral("utf-8"), QStringLiteral("not valid UTF-8")); !st.ok())
                    return st;
                continue;
            }
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
    const FocusOptions& m_options;
    BillingRecord* m_row = nullptr; // the row being read, to flag
    QSet<int> m_ignored; // unknown non-x_ columns
    StringInterner m_interner;
    QHash<QString, int> m_index;
    QStringList m_columns;
    QList<int> m_extensionColumns;
    QList<int> m_otherColumns;
};

} // namespace

Status parseFocusCsv(QIODevice& in, const QString& fileName, BillingSink& sink, const FocusOptions& options)
{
    return FocusParser(in, fileName, sink, options).run();
}

} // namespace capaudit
