// SPDX-License-Identifier: GPL-3.0-or-later
#include "ingest/identifiers.h"

#include <QStringDecoder>

#include <cmath>

namespace capaudit::ingest {

namespace {

QString forbiddenCharacter(char32_t c)
{
    const auto name = [c](const char* what) {
        const QString code = QStringLiteral("%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0')).toUpper();
        return QStringLiteral("contains %1 U+%2, which is not allowed in a name").arg(QLatin1String(what), code);
    };
    if (c == 0)
        return QStringLiteral("contains a NUL character, which is not allowed in a name");
    if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F))
        return name("the control character");
    if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x061C)
        return name("the bidirectional control");
    if (c >= 0x200B && c <= 0x200F)
        return name("the invisible format character");
    if (c == 0x2028 || c == 0x2029)
        return name("the line separator");
    if (c == 0xFEFF)
        return name("the zero-width no-break space (byte order mark)");
    return {};
}

} // namespace

QString identifierProblem(QStringView name)
{
    for (qsizetype i = 0; i < name.size(); ++i) {
        char32_t c = name[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < name.size() && name[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(name[i], name[i + 1]);
            ++i;
        } else if (QChar::isSurrogate(c)) {
            return QStringLiteral("contains an unpaired UTF-16 surrogate, which is not a character");
        }
        if (QString problem = forbiddenCharacter(c); !problem.isEmpty())
            return problem;
    }
    return {};
}

QString identifierProblem(QByteArrayView utf8)
{
    bool ascii = true;
    for (char b : utf8) {
        const auto u = static_cast<unsigned char>(b);
        if (u < 0x20 || u >= 0x7F) {
            ascii = false;
            break;
        }
    }
    if (ascii)
        return {};
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(utf8);
    if (decoder.hasError())
        return QStringLiteral("is not valid UTF-8");
    return identifierProblem(QStringView(text));
}

QString quantityProblem(double value)
{
    if (!std::isfinite(value))
        return QStringLiteral("is not a finite number");
    if (std::fabs(value) > kMaxQuantity)
        return QStringLiteral("%1 exceeds the plausible maximum of %2 (docs/formats.md)")
            .arg(value, 0, 'g', 17)
            .arg(kMaxQuantity, 0, 'g');
    return {};
}

CheckedUsageSink::CheckedUsageSink(UsageSink& inner, QString fileName)
    : m_inner(inner)
    , m_fileName(std::move(fileName))
{
}

Status CheckedUsageSink::addSample(const UsageSample& sample)
{
    // A name's problems depend on its text alone, so one that passed passes in any column.
    const auto checkName = [&](const QString& value, const char* field) -> Status {
        if (value.isEmpty() || m_checked.find(value))
            return {};
        if (QString problem = identifierProblem(QStringView(value)); !problem.isEmpty())
            return Error(m_fileName, sample.line, QLatin1String(field), QStringLiteral("the name ") + problem);
        m_checked.insert(value, true);
        return {};
    };
    if (Status s = checkName(sample.node, "node"); !s)
        return s;
    if (Status s = checkName(sample.resourceClass, "resource_class"); !s)
        return s;
    if (Status s = checkName(sample.tenant, "tenant"); !s)
        return s;
    for (const auto& [value, field] : { std::pair { sample.allocated, "allocated" }, std::pair { sample.used, "used" },
             std::pair { sample.capacity, "capacity" } }) {
        if (isMissing(value))
            continue;
        if (QString problem = quantityProblem(value); !problem.isEmpty())
            return Error(m_fileName, sample.line, QLatin1String(field), QStringLiteral("the quantity ") + problem);
    }
    return m_inner.addSample(sample);
}

CheckedBillingSink::CheckedBillingSink(BillingSink& inner, QString fileName)
    : m_inner(inner)
    , m_fileName(std::move(fileName))
{
}

Status CheckedBillingSink::addBillingRecord(const BillingRecord& r)
{
    const std::pair<const QString*, const char*> names[] = { { &r.providerName, "ProviderName" },
        { &r.tenant, "tenant" }, { &r.resourceClass, "resource class" }, { &r.resourceId, "ResourceId" },
        { &r.subAccountId, "SubAccountId" }, { &r.billingAccountId, "BillingAccountId" },
        { &r.publisherName, "PublisherName" }, { &r.invoiceIssuerName, "InvoiceIssuerName" } };
    for (const auto& [value, field] : names)
        if (QString problem = identifierProblem(QStringView(*value)); !problem.isEmpty())
            return Error(m_fileName, r.line, QLatin1String(field), QStringLiteral("the name ") + problem);
    const std::pair<double, const char*> amounts[] = { { r.billedCost, "BilledCost" },
        { r.effectiveCost, "EffectiveCost" }, { r.listCost, "ListCost" }, { r.contractedCost, "ContractedCost" },
        { r.pricingQuantity, "PricingQuantity" }, { r.consumedQuantity, "ConsumedQuantity" },
        { r.contractedUnitPrice, "ContractedUnitPrice" }, { r.listUnitPrice, "ListUnitPrice" } };
    for (const auto& [value, field] : amounts) {
        if (isMissing(value))
            continue;
        if (QString problem = quantityProblem(value); !problem.isEmpty())
            return Error(m_fileName, r.line, QLatin1String(field), QStringLiteral("the amount ") + problem);
    }
    return m_inner.addBillingRecord(r);
}

} // namespace capaudit::ingest
