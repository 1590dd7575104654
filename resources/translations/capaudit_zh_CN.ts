<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>PeriodText</name>
    <message>
        <source>no telemetry</source>
        <translation>无遥测</translation>
    </message>
    <message numerus="yes">
        <source>%1 – %2 (%n day(s))</source>
        <translation>
            <numerusform>%1 – %2（%n 天）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Report</name>
    <message>
        <source>Allocated: %1</source>
        <translation>已分配：%1</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Node capacity</source>
        <translation>节点容量</translation>
    </message>
    <message>
        <source>Committed capacity</source>
        <translation>承诺容量</translation>
    </message>
    <message>
        <source>Forecast band</source>
        <translation>预测区间</translation>
    </message>
    <message>
        <source>Observed demand</source>
        <translation>观测需求</translation>
    </message>
    <message>
        <source>Forecast mean</source>
        <translation>预测均值</translation>
    </message>
    <message>
        <source>Usable capacity</source>
        <translation>可用容量</translation>
    </message>
    <message>
        <source>whole case</source>
        <translation>整个案卷</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>provider %1</source>
        <translation>提供商 %1</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation>租户 %1</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>资源类别 %1</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>%1 measured, %2 expected %3</source>
        <translation>实测 %1，预期 %2 %3</translation>
    </message>
    <message>
        <source>bundle %1</source>
        <translation>证据包 %1</translation>
    </message>
    <message>
        <source> lines %1–%2</source>
        <translation> 第 %1–%2 行</translation>
    </message>
    <message>
        <source> line %1</source>
        <translation> 第 %1 行</translation>
    </message>
    <message>
        <source>Every finding of the compliance checks, grouped by severity. A finding&apos;s ID is derived from its rule and scope, so it stays the same when the report is regenerated. Evidence references name the bundle (number in the evidence inventory and digest), the file in it and the source lines.</source>
        <translation>合规检查的全部发现项，按严重程度分组。发现项编号由其规则和范围派生，因此重新生成报告时保持不变。证据引用注明证据包（证据清单中的序号及摘要）、包内文件及源数据行。</translation>
    </message>
    <message>
        <source>No findings.</source>
        <translation>无发现项。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Finding ID</source>
        <translation>发现项编号</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Measured vs expected</source>
        <translation>实测值与预期值</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Billed usage (FOCUS rows of category Usage) against the allocation the provider&apos;s own meter recorded over the same charge periods, per invoice, tenant and resource class. A positive difference means more was billed than measured; the amount prices it at the contract&apos;s unit price. Rows no measured delivery accounts for (adjustments, purchases, taxes, credits, usage without tenant or quantity) are listed with their reason in the class column and their billed cost as the amount.</source>
        <translation>按发票、租户和资源类别，将计费用量（FOCUS 中类别为 Usage 的行）与提供商自身计量在相同计费期间记录的分配量进行对比。差额为正表示计费多于实测；金额按合同单价计算。无法与实测交付对应的行（调整、购买、税费、抵扣、缺少租户或数量的用量）在类别列中列出原因，并以其计费金额作为金额。</translation>
    </message>
    <message>
        <source>The case holds no billing evidence for the selected providers and period.</source>
        <translation>案卷中没有所选提供商和时段的计费证据。</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>NO</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Billed unit-h</source>
        <translation>计费单位·小时</translation>
    </message>
    <message>
        <source>Measured unit-h</source>
        <translation>实测单位·小时</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>单价</translation>
    </message>
    <message>
        <source>Within tolerance</source>
        <translation>在容差内</translation>
    </message>
    <message>
        <source>Demand (allocated capacity) forecast per provider and resource class, with the forecast band and the usable capacity. The dates mark when the forecast mean and the upper band cross the usable capacity; the upper-band date is the conservative one.</source>
        <translation>按提供商和资源类别预测需求（已分配容量），并给出预测区间和可用容量。日期标示预测均值和区间上限超过可用容量的时间；区间上限对应的日期为保守估计。</translation>
    </message>
    <message>
        <source>No forecast could be made from the evidence.</source>
        <translation>无法根据现有证据进行预测。</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Exhaustion (mean)</source>
        <translation>耗尽时间（均值）</translation>
    </message>
    <message>
        <source>not within the horizon</source>
        <translation>不在预测期内</translation>
    </message>
    <message>
        <source>Exhaustion (upper band)</source>
        <translation>耗尽时间（区间上限）</translation>
    </message>
    <message>
        <source>No bid comparison is available for this case.</source>
        <translation>此案卷无可用的投标比较。</translation>
    </message>
    <message>
        <source>Providers compared on the criteria below. Each value is scored 0–100 against the best and worst offer; the total is the weighted sum of the scores. Values are shown with their score in brackets.</source>
        <translation>按以下标准比较各提供商。每项数值相对于最优和最差报价评分（0–100）；总分为各项得分的加权和。数值后的括号内为其得分。</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Weighted score</source>
        <translation>加权得分</translation>
    </message>
    <message>
        <source>Ranking</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>敏感性</translation>
    </message>
    <message>
        <source>Weights digest</source>
        <translation>权重摘要</translation>
    </message>
    <message>
        <source>Policy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Failing severity</source>
        <translation>不合格严重程度</translation>
    </message>
    <message>
        <source>Samples scanned</source>
        <translation>已扫描样本数</translation>
    </message>
    <message>
        <source>Billing rows scanned</source>
        <translation>已扫描计费行数</translation>
    </message>
    <message>
        <source>Policy digest</source>
        <translation>策略摘要</translation>
    </message>
    <message>
        <source>The policy digest is the SHA-256 of the policy&apos;s canonical JSON with every threshold filled in, so it identifies every value the checks used.</source>
        <translation>策略摘要是填入全部阈值后策略规范化 JSON 的 SHA-256，因此可唯一标识检查所用的每个数值。</translation>
    </message>
    <message>
        <source>Enabled; findings at severity %1.</source>
        <translation>已启用；发现项严重程度为 %1。</translation>
    </message>
    <message>
        <source>Disabled by the policy: this rule did not run.</source>
        <translation>已被策略禁用：此规则未运行。</translation>
    </message>
    <message>
        <source>Threshold</source>
        <translation>阈值</translation>
    </message>
    <message>
        <source>Value used</source>
        <translation>采用值</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Forecast models</source>
        <translation>预测模型</translation>
    </message>
    <message>
        <source>No forecast was made.</source>
        <translation>未进行预测。</translation>
    </message>
    <message>
        <source>Charts and level of detail</source>
        <translation>图表与细节层级</translation>
    </message>
    <message>
        <source>Charts are drawn as vector graphics by QCustomPlot with adaptive sampling: where a line holds more points than the chart is wide, only the extremes per horizontal position are drawn, so zooming into the PDF does not show every stored value. The case file holds them all.</source>
        <translation>图表由 QCustomPlot 以矢量图形绘制并采用自适应采样：当一条曲线的点数多于图表宽度时，每个水平位置只绘制极值，因此放大 PDF 不会显示每个存储值。案卷文件保存了全部数值。</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计轨迹</translation>
    </message>
    <message>
        <source>Every action on the case is an entry of a hash chain: each entry&apos;s hash covers the previous hash and the entry&apos;s content, so changing or removing any entry breaks every later link. The head hash below identifies the whole trail as it stood when this report was generated (the export itself is recorded as the next entry).</source>
        <translation>对案卷的每项操作都是哈希链中的一个条目：每个条目的哈希涵盖前一个哈希及该条目的内容，因此修改或删除任何条目都会破坏其后的所有链接。下方的链头哈希标识生成本报告时的完整审计轨迹（本次导出本身记录为下一个条目）。</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>First entry</source>
        <translation>首个条目</translation>
    </message>
    <message>
        <source>Last entry</source>
        <translation>最后条目</translation>
    </message>
    <message>
        <source>Chain</source>
        <translation>哈希链</translation>
    </message>
    <message>
        <source>BROKEN: %1</source>
        <translation>已断裂：%1</translation>
    </message>
    <message>
        <source>Chain head hash</source>
        <translation>链头哈希</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Latest trail entries</source>
        <translation>最近的审计轨迹条目</translation>
    </message>
    <message>
        <source>Seq</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <source>Report manifest</source>
        <translation>报告清单</translation>
    </message>
    <message>
        <source>The canonical form of this manifest (compact JSON, keys sorted, UTF-8) hashes to the report manifest digest; the same file is written beside the PDF.</source>
        <translation>此清单的规范形式（紧凑 JSON、键已排序、UTF-8）的哈希即报告清单摘要；同一文件写在 PDF 旁边。</translation>
    </message>
    <message>
        <source>Manifest SHA-256</source>
        <translation>清单 SHA-256</translation>
    </message>
    <message>
        <source>Not compliant</source>
        <translation>不合规</translation>
    </message>
    <message>
        <source>Compliant with findings</source>
        <translation>合规（有发现项）</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Compliance report</source>
        <translation>合规报告</translation>
    </message>
    <message>
        <source>Audit of metered compute: evidence, compliance checks, billing, capacity and bids</source>
        <translation>计量计算资源审计：证据、合规检查、计费、容量与投标</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Case ID</source>
        <translation>案卷编号</translation>
    </message>
    <message>
        <source>Engagement</source>
        <translation>审计项目</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>审核人</translation>
    </message>
    <message>
        <source>Evidence covers</source>
        <translation>证据覆盖时段</translation>
    </message>
    <message>
        <source>Generated</source>
        <translation>生成时间</translation>
    </message>
    <message>
        <source>CapAudit version</source>
        <translation>CapAudit 版本</translation>
    </message>
    <message>
        <source>Classification</source>
        <translation>密级</translation>
    </message>
    <message>
        <source>Evidence digest</source>
        <translation>证据摘要</translation>
    </message>
    <message>
        <source>Report manifest SHA-256</source>
        <translation>报告清单 SHA-256</translation>
    </message>
    <message>
        <source>The evidence digest is the SHA-256 of the sorted digests of every evidence bundle in the case. The report manifest digest covers the case, that evidence, the policy, the period and every option that changes the content of this report, but not the time it was generated: regenerating the report from the same case with the same options prints the same manifest digest. The manifest is reproduced in the appendix and written beside the PDF.</source>
        <translation>证据摘要是案卷中全部证据包摘要排序后的 SHA-256。报告清单摘要涵盖案卷、上述证据、策略、时段以及所有会改变本报告内容的选项，但不包括生成时间：使用相同选项从同一案卷重新生成报告，会得到相同的清单摘要。清单全文见附录，并写在 PDF 旁边。</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>目录</translation>
    </message>
    <message>
        <source>Overall result: the evidence does NOT support the providers&apos; claims in full. At least one finding reaches the policy&apos;s failing severity (%1).</source>
        <translation>总体结论：证据不能完全支持提供商的声明。至少有一个发现项达到策略规定的不合格严重程度（%1）。</translation>
    </message>
    <message>
        <source>Overall result: no finding reaches the policy&apos;s failing severity (%1).</source>
        <translation>总体结论：没有发现项达到策略规定的不合格严重程度（%1）。</translation>
    </message>
    <message>
        <source>Verdict per provider</source>
        <translation>各提供商结论</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>关键数据</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>承诺</translation>
    </message>
    <message>
        <source>Delivered (mean)</source>
        <translation>已交付（均值）</translation>
    </message>
    <message>
        <source>Allocated unit-h</source>
        <translation>已分配单位·小时</translation>
    </message>
    <message>
        <source>Billed cost</source>
        <translation>计费金额</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <source>Most serious findings</source>
        <translation>最严重的发现项</translation>
    </message>
    <message>
        <source>The checks found nothing to report.</source>
        <translation>检查未发现需要报告的问题。</translation>
    </message>
    <message>
        <source> Amount at stake: %1.</source>
        <translation> 涉及金额：%1。</translation>
    </message>
    <message>
        <source> (finding %1)</source>
        <translation>（发现项 %1）</translation>
    </message>
    <message>
        <source>%1 further findings are listed in the findings section.</source>
        <translation>另有 %1 个发现项列于“发现项”一节。</translation>
    </message>
    <message>
        <source>Every evidence bundle in the case, in import order. Each was verified when it was imported (signature, certificate chain, payload digests) and is stored byte for byte; the full SHA-256 digests identify the exact bytes examined.</source>
        <translation>案卷中的全部证据包，按导入顺序排列。每个证据包在导入时均已核验（签名、证书链、载荷摘要），并按字节原样保存；完整的 SHA-256 摘要标识所检查的确切字节。</translation>
    </message>
    <message>
        <source>bundle SHA-256 %1
signer key SHA-256 %2 · %3</source>
        <translation>证据包 SHA-256 %1
签名密钥 SHA-256 %2 · %3</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名者</translation>
    </message>
    <message>
        <source>Signed at</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Tenants&apos; allocated capacity stacked, with the capacity actually used, the total node capacity reported by telemetry and the committed capacity from the signed attestation. Charts are vector graphics drawn from the case data. %1</source>
        <translation>堆叠显示各租户的已分配容量，以及实际使用容量、遥测报告的节点总容量和已签名分配证明中的承诺容量。图表为根据案卷数据绘制的矢量图形。%1</translation>
    </message>
    <message>
        <source>The case holds no telemetry for the selected providers and period.</source>
        <translation>案卷中没有所选提供商和时段的遥测数据。</translation>
    </message>
    <message>
        <source>Level of detail: %1, step %2 s, %3 points per line.</source>
        <translation>细节层级：%1，步长 %2 秒，每条曲线 %3 个点。</translation>
    </message>
    <message>
        <source>slope %1 %2/day</source>
        <translation>斜率 %1 %2/天</translation>
    </message>
    <message>
        <source>season %1 steps</source>
        <translation>季节周期 %1 步</translation>
    </message>
    <message>
        <source>sigma %1</source>
        <translation>标准差 %1</translation>
    </message>
    <message>
        <source>%1 observations of %2 s</source>
        <translation>%1 个观测值（间隔 %2 秒）</translation>
    </message>
    <message>
        <source>holdout RMSE %1 over %2 points</source>
        <translation>留出集 RMSE %1（%2 个点）</translation>
    </message>
    <message>
        <source>%1 missing points interpolated</source>
        <translation>已插补 %1 个缺失点</translation>
    </message>
    <message>
        <source>horizon %1 days, 95 % band</source>
        <translation>预测期 %1 天，95% 区间</translation>
    </message>
    <message>
        <source>Not forecast: %1</source>
        <translation>未预测：%1</translation>
    </message>
    <message numerus="yes">
        <source>A bid comparison needs at least two providers; the report covers %n.</source>
        <translation>
            <numerusform>投标比较至少需要两个提供商；本报告涵盖 %n 个。</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 weight ×%2 puts %3 above %4</source>
        <translation>%1 权重 ×%2 使 %3 排在 %4 之前</translation>
    </message>
    <message>
        <source>Stable: no change of any weight by ±%1 % changes the ranking (%2).</source>
        <translation>稳定：任一权重变动 ±%1% 均不改变排名（%2）。</translation>
    </message>
    <message>
        <source>Sensitive (%1): %2.</source>
        <translation>敏感（%1）：%2。</translation>
    </message>
    <message>
        <source>The evidence supports %1&apos;s claims for the period.</source>
        <translation>证据支持 %1 在该时段内的声明。</translation>
    </message>
    <message>
        <source>Allocation charts use the finest level of detail stored in the case (raw telemetry steps, hourly or daily means) with at most %1 points per line: %2.</source>
        <translation>分配图表采用案卷中存储的最细层级（原始遥测步长、小时均值或日均值），每条曲线最多 %1 个点：%2。</translation>
    </message>
    <message>
        <source>no charts</source>
        <translation>无图表</translation>
    </message>
    <message>
        <source>Running the compliance checks</source>
        <translation>正在运行合规检查</translation>
    </message>
    <message>
        <source>Reading the evidence inventory</source>
        <translation>正在读取证据清单</translation>
    </message>
    <message>
        <source>Reading allocation series</source>
        <translation>正在读取分配序列</translation>
    </message>
    <message>
        <source>Forecasting capacity</source>
        <translation>正在预测容量</translation>
    </message>
    <message>
        <source>Comparing bids</source>
        <translation>正在比较投标</translation>
    </message>
    <message>
        <source>Report data gathered</source>
        <translation>报告数据已收集</translation>
    </message>
    <message>
        <source>CapAudit %1 · manifest %2</source>
        <translation>CapAudit %1 · 清单 %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
    <message>
        <source>Executive summary</source>
        <translation>执行摘要</translation>
    </message>
    <message>
        <source>Evidence inventory</source>
        <translation>证据清单</translation>
    </message>
    <message>
        <source>Resource allocation</source>
        <translation>资源分配</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Billing reconciliation</source>
        <translation>计费核对</translation>
    </message>
    <message>
        <source>Capacity forecast</source>
        <translation>容量预测</translation>
    </message>
    <message>
        <source>Bid comparison</source>
        <translation>投标比较</translation>
    </message>
    <message>
        <source>Methodology</source>
        <translation>方法说明</translation>
    </message>
    <message>
        <source>Appendix: audit trail and provenance</source>
        <translation>附录：审计轨迹与来源证明</translation>
    </message>
    <message>
        <source>Laying out pages</source>
        <translation>正在排版</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Compliance report: %1</source>
        <translation>合规报告：%1</translation>
    </message>
    <message>
        <source>Report written</source>
        <translation>报告已写入</translation>
    </message>
    <message>
        <source>No telemetry of %1 covers the period, so its delivery could not be checked.</source>
        <translation>没有 %1 的遥测覆盖该时段，因此无法检查其交付。</translation>
    </message>
    <message>
        <source>Verifying the case</source>
        <translation>正在验证案卷</translation>
    </message>
    <message>
        <source>links intact (every hash recomputed)</source>
        <translation>链接完整（每个哈希均已重新计算）</translation>
    </message>
    <message>
        <source>Case (verify-case)</source>
        <translation>案卷（verify-case）</translation>
    </message>
    <message>
        <source>not verified</source>
        <translation>未验证</translation>
    </message>
    <message>
        <source>intact: every bundle re-verified, every stored fact re-derived</source>
        <translation>完整：每个证据包均已重新验证，每项存储的事实均已重新推导</translation>
    </message>
    <message>
        <source>Not assessed</source>
        <translation>未评估</translation>
    </message>
    <message>
        <source>Case integrity: not verified</source>
        <translation>案卷完整性：未验证</translation>
    </message>
    <message>
        <source>Case integrity: intact (verify-case re-verified %1 bundles, %2 rows, %3 trail entries)</source>
        <translation>案卷完整性：完整（verify-case 重新验证了 %1 个证据包、%2 行、%3 条审计记录）</translation>
    </message>
    <message>
        <source>Three-way match</source>
        <translation>三方匹配</translation>
    </message>
    <message>
        <source>Per provider, invoice period and resource class: the committed capacity at the contracted price (the expected charge), the capacity delivered and allocated to tenants as the provider&apos;s own telemetry shows it, the FOCUS billing and the EN 16931 invoices (credit notes subtracted). Unit-hours for quantities, the contract currency for money. A line marked NO has a finding (rules invoice.*); the difference is the invoice net amount less the FOCUS billed cost, lines invoiced twice counted once.</source>
        <translation>按提供商、发票期间和资源类别：以合同价格计的承诺容量（预期费用）、提供商自身遥测所示的已交付并分配给租户的容量、FOCUS 计费以及 EN 16931 发票（已扣除贷项通知单）。数量以单位小时计，金额以合同货币计。标记为“否”的行有对应的发现项（invoice.* 规则）；差额为发票净额减去 FOCUS 计费成本，重复开票的行只计一次。</translation>
    </message>
    <message>
        <source>The case holds no invoice evidence for the selected providers and period.</source>
        <translation>案卷中没有所选提供商和时段的发票证据。</translation>
    </message>
    <message>
        <source>Committed unit-h</source>
        <translation>承诺单位小时</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Delivered unit-h</source>
        <translation>交付单位小时</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>已计费</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>已开票</translation>
    </message>
    <message>
        <source>Invoiced − billed</source>
        <translation>已开票 − 已计费</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>Idle and unallocated capacity</source>
        <translation>闲置与未分配容量</translation>
    </message>
    <message>
        <source>Committed capacity no tenant was allocated, priced at the contract: what over-commitment costs the buyer.</source>
        <translation>未分配给任何租户的承诺容量，按合同定价：这是超额承诺让买方付出的代价。</translation>
    </message>
    <message>
        <source>Idle unit-h</source>
        <translation>闲置单位小时</translation>
    </message>
    <message>
        <source>Idle amount</source>
        <translation>闲置金额</translation>
    </message>
    <message>
        <source>SLA credits</source>
        <translation>SLA 赔偿</translation>
    </message>
    <message>
        <source>Invoiced in breach</source>
        <translation>违约期间开票</translation>
    </message>
    <message>
        <source>Credit owed</source>
        <translation>应赔偿</translation>
    </message>
    <message>
        <source>Credit given</source>
        <translation>已赔偿</translation>
    </message>
    <message>
        <source>Credited</source>
        <translation>已赔偿</translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n finding(s); the most serious is %2, which fails the policy.</source>
        <translation>
            <numerusform>%1 有 %n 个发现项；最严重的为%2，未通过策略。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 has %n finding(s), none serious enough to fail the policy.</source>
        <translation>
            <numerusform>%1 有 %n 个发现项，均未严重到不通过策略。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n chart(s) at the %1 level</source>
        <translation>
            <numerusform>%n 张%1层级图表</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NOT INTACT: %n problem(s)</source>
        <translation>
            <numerusform>不完整：%n 个问题</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>CASE NOT INTACT: verify-case found %n problem(s); do not rely on this report. First: %1</source>
        <translation>
            <numerusform>案卷不完整：verify-case 发现 %n 个问题；请勿依赖本报告。第一个问题：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>for the period %1</source>
        <translation>，时段为 %1</translation>
    </message>
    <message>
        <source>for the whole case</source>
        <translation>，涵盖整个案卷</translation>
    </message>
    <message>
        <source>This report covers %1 and %2 (%3 verified, %4 signed by a signer outside the trust store) %5. The compliance checks applied the policy &quot;%6&quot; and produced %7: %8.</source>
        <translation>本报告涵盖 %1和 %2（%3 个已验证，%4 个由信任库之外的签名者签名）%5。合规检查采用策略“%6”，产生 %7：%8。</translation>
    </message>
    <message numerus="yes">
        <source>%n provider(s)</source>
        <translation>
            <numerusform>%n 家提供商</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n evidence bundle(s)</source>
        <translation>
            <numerusform>%n 个证据包</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s)</source>
        <translation>
            <numerusform>%n 个发现项</numerusform>
        </translation>
    </message>
    <message>
        <source>Not attributed to a tenant</source>
        <translation>未归属租户</translation>
    </message>
</context>
<context>
    <name>capaudit</name>
    <message>
        <source>Not assessed: no evidence</source>
        <translation>未评估：无证据</translation>
    </message>
    <message>
        <source>Not compliant: %1 of %2 providers</source>
        <translation>不合规：%2 个提供商中的 %1 个</translation>
    </message>
    <message>
        <source>Not assessed: %1 of %2 providers</source>
        <translation>未评估：%2 个提供商中的 %1 个</translation>
    </message>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Compliant, with findings</source>
        <translation>合规，但有发现项</translation>
    </message>
</context>
<context>
    <name>capaudit::AboutDialog</name>
    <message>
        <source>Qt %1 (built with %2)</source>
        <translation>Qt %1（编译时版本 %2）</translation>
    </message>
    <message>
        <source>SQLite %1</source>
        <translation>SQLite %1</translation>
    </message>
    <message>
        <source>QCustomPlot %1</source>
        <translation>QCustomPlot %1</translation>
    </message>
    <message>
        <source>About CapAudit</source>
        <translation>关于 CapAudit</translation>
    </message>
    <message>
        <source>&lt;h2&gt;CapAudit %1&lt;/h2&gt;&lt;p&gt;Audit workstation for metered compute: verifies signed telemetry, attestation and billing bundles offline and keeps them in a tamper-evident case file.&lt;/p&gt;&lt;p&gt;Licensed under the GNU General Public License v3 or later.&lt;/p&gt;&lt;p&gt;&lt;b&gt;Libraries&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%2&lt;/ul&gt;</source>
        <translation>&lt;h2&gt;CapAudit %1&lt;/h2&gt;&lt;p&gt;计量计算资源审计工作站：离线核验已签名的遥测、分配证明和计费证据包，并将其保存在防篡改的案卷文件中。&lt;/p&gt;&lt;p&gt;依据 GNU 通用公共许可证第 3 版或更高版本授权。&lt;/p&gt;&lt;p&gt;&lt;b&gt;使用的库&lt;/b&gt;&lt;/p&gt;&lt;ul&gt;%2&lt;/ul&gt;</translation>
    </message>
</context>
<context>
    <name>capaudit::AddAnchorDialog</name>
    <message>
        <source>Add trust anchor</source>
        <translation>添加信任锚</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Independent meter</source>
        <translation>独立计量方</translation>
    </message>
    <message>
        <source>Auditor</source>
        <translation>审计方</translation>
    </message>
    <message>
        <source>Transparency log</source>
        <translation>透明日志</translation>
    </message>
    <message>
        <source>Checkpoint origin, for transparency-log keys</source>
        <translation>检查点来源（用于透明日志密钥）</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>&amp;Label:</source>
        <translation>标签(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>角色(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Origin:</source>
        <translation>来源(&amp;O)：</translation>
    </message>
    <message>
        <source>Providers this anchor may speak for, one per line.
Without any, bundles it signs are rejected as unauthorized.</source>
        <translation>此信任锚可代表的提供商，每行一个。
若未填写，其签名的证据包将因未获授权而被拒绝。</translation>
    </message>
    <message>
        <source>Keyless signer identity (e-mail or URI), optional</source>
        <translation>无密钥签名者身份（电子邮件或 URI），可选</translation>
    </message>
    <message>
        <source>OIDC issuer of that identity, optional</source>
        <translation>该身份的 OIDC 颁发者，可选</translation>
    </message>
    <message>
        <source>May speak &amp;for:</source>
        <translation>可代表(&amp;F)：</translation>
    </message>
    <message>
        <source>Signer &amp;identity:</source>
        <translation>签名者身份(&amp;I)：</translation>
    </message>
    <message>
        <source>OIDC &amp;issuer:</source>
        <translation>OIDC 颁发者(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Pin this signer&apos;s key (trust this one key, not a CA)</source>
        <translation>固定此签名者的公钥(&amp;P)（只信任这一个密钥，而非 CA）</translation>
    </message>
    <message>
        <source>Stores the certificate&apos;s public key as a pinned key: bundles signed with this key (without a certificate chain) are trusted, nothing else the certificate&apos;s issuer signs</source>
        <translation>将证书的公钥存为固定公钥：信任用此密钥签名（不带证书链）的证据包，证书颁发者签发的其他内容一概不信任</translation>
    </message>
    <message>
        <source>Kind:</source>
        <translation>类型：</translation>
    </message>
    <message>
        <source>Root CA certificate (self-signed)</source>
        <translation>根 CA 证书（自签名）</translation>
    </message>
    <message>
        <source>Intermediate CA certificate (issued by another CA)</source>
        <translation>中间 CA 证书（由另一 CA 签发）</translation>
    </message>
    <message>
        <source>Leaf certificate (not a CA; e.g. a bundle signer&apos;s)</source>
        <translation>叶证书（不是 CA；例如证据包签名者的证书）</translation>
    </message>
    <message>
        <source>Public key (pinned key)</source>
        <translation>公钥（固定公钥）</translation>
    </message>
    <message>
        <source>Certificate revocation list</source>
        <translation>证书吊销列表</translation>
    </message>
    <message>
        <source>Not a trust anchor</source>
        <translation>不是信任锚</translation>
    </message>
    <message>
        <source>The file is neither a PEM certificate, a PEM public key nor a PEM CRL (%1).</source>
        <translation>该文件既不是 PEM 证书，也不是 PEM 公钥或 PEM 证书吊销列表（%1）。</translation>
    </message>
    <message>
        <source>A leaf certificate cannot be a trust anchor: add the root CA that issued it, or pin this signer&apos;s key on purpose.</source>
        <translation>叶证书不能作为信任锚：请添加签发它的根 CA，或有意固定此签名者的公钥。</translation>
    </message>
</context>
<context>
    <name>capaudit::AnchorModel</name>
    <message>
        <source>Root certificate</source>
        <translation>根证书</translation>
    </message>
    <message>
        <source>Pinned key</source>
        <translation>固定公钥</translation>
    </message>
    <message>
        <source>Revocation list</source>
        <translation>证书吊销列表</translation>
    </message>
    <message>
        <source>Log key</source>
        <translation>日志密钥</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>Removed (entry %1)</source>
        <translation>已移除（条目 %1）</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主体</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>指纹</translation>
    </message>
    <message>
        <source>Valid from</source>
        <translation>生效时间</translation>
    </message>
    <message>
        <source>Valid to</source>
        <translation>失效时间</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source> · identity %1 (%2)</source>
        <translation> · 身份 %1（%2）</translation>
    </message>
    <message>
        <source>%1
file %2
fingerprint %3
role %4, scope: %5</source>
        <translation>%1
文件 %2
指纹 %3
角色 %4，范围：%5</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>May speak for</source>
        <translation>可代表</translation>
    </message>
    <message>
        <source>Intermediate CA certificate</source>
        <translation>中间 CA 证书</translation>
    </message>
    <message>
        <source>Leaf certificate (not a CA)</source>
        <translation>叶证书（不是 CA）</translation>
    </message>
</context>
<context>
    <name>capaudit::AuditTable</name>
    <message>
        <source>&amp;Copy rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>Filter the table (%1)</source>
        <translation>筛选表格（%1）</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Show all columns</source>
        <translation>显示所有列</translation>
    </message>
</context>
<context>
    <name>capaudit::BidComparisonModel</name>
    <message>
        <source>Measured: %1
%2</source>
        <translation>实测：%1
%2</translation>
    </message>
    <message>
        <source>Weighted score: sum of the criterion scores times their normalised weights</source>
        <translation>加权得分：各标准得分乘以归一化权重之和</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Rank</source>
        <translation>排名</translation>
    </message>
    <message>
        <source>Bidder</source>
        <translation>投标方</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>交付</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>成本</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Assurance</source>
        <translation>证据保障</translation>
    </message>
    <message>
        <source>Weighted score</source>
        <translation>加权得分</translation>
    </message>
</context>
<context>
    <name>capaudit::BundleDetailWidget</name>
    <message>
        <source>Export verdict JSON…</source>
        <translation>导出核验结论 JSON…</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Subjects</source>
        <translation>主体文件</translation>
    </message>
    <message>
        <source>Predicate</source>
        <translation>谓词</translation>
    </message>
    <message>
        <source>Select a bundle on the Evidence page to see its verification checks.</source>
        <translation>在“证据”页选择一个证据包以查看其核验检查项。</translation>
    </message>
    <message>
        <source>no bundle selected</source>
        <translation>未选择证据包</translation>
    </message>
    <message>
        <source>Export verdict</source>
        <translation>导出核验结论</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <source> · anchor %1 (%2; scope %3)</source>
        <translation> · 信任锚 %1（%2；范围 %3）</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 bundle · %2&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;%4&lt;/b&gt;&lt;/span&gt; · signed by %5%11&lt;br&gt;key %6 (%7)&lt;br&gt;signing time %8 · imported %9&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</source>
        <translation>&lt;b&gt;%1 证据包 · %2&lt;/b&gt;&lt;br&gt;&lt;span style=&apos;color:%3&apos;&gt;&lt;b&gt;%4&lt;/b&gt;&lt;/span&gt; · 签名者 %5%11&lt;br&gt;密钥 %6（%7）&lt;br&gt;签名时间 %8 · 导入于 %9&lt;br&gt;&lt;small&gt;%10&lt;/small&gt;</translation>
    </message>
</context>
<context>
    <name>capaudit::BundleModel</name>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Untrusted</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Telemetry</source>
        <translation>遥测</translation>
    </message>
    <message>
        <source>Attestation</source>
        <translation>分配证明</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>%1 (independent meter)</source>
        <translation>%1（独立计量方）</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Signer</source>
        <translation>签名者</translation>
    </message>
    <message>
        <source>Key fingerprint</source>
        <translation>密钥指纹</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Signing time</source>
        <translation>签名时间</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
</context>
<context>
    <name>capaudit::CapacityPage</name>
    <message>
        <source>not within the horizon</source>
        <translation>不在预测期内</translation>
    </message>
    <message>
        <source>&amp;Conservative (upper 95 % band)</source>
        <translation>保守估计（95% 区间上限）(&amp;C)</translation>
    </message>
    <message>
        <source>Save scenario…</source>
        <translation>保存情景…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Date exhaustion by the upper 95 % bound of demand instead of its mean</source>
        <translation>按需求的 95% 区间上限（而非均值）推算耗尽日期</translation>
    </message>
    <message>
        <source>Scenarios kept in the case; click one to load it into the form</source>
        <translation>保存在案卷中的情景；单击可载入表单</translation>
    </message>
    <message>
        <source>Keep this what-if scenario in the case</source>
        <translation>将此假设情景保存到案卷中</translation>
    </message>
    <message>
        <source>Back to the forecast without a scenario</source>
        <translation>返回不含情景的预测</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>提供商：</translation>
    </message>
    <message>
        <source>Resource:</source>
        <translation>资源：</translation>
    </message>
    <message>
        <source>Saved scenarios:</source>
        <translation>已保存的情景：</translation>
    </message>
    <message>
        <source>Forecasting…</source>
        <translation>正在预测…</translation>
    </message>
    <message>
        <source>Could not forecast: %1</source>
        <translation>无法预测：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n pair(s) skipped</source>
        <translation>
            <numerusform>已跳过 %n 组</numerusform>
        </translation>
    </message>
    <message>
        <source>No forecast for this selection.</source>
        <translation>所选项无预测。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 · %2&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 · %2&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No forecast: %1</source>
        <translation>无预测：%1</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>不适用</translation>
    </message>
    <message>
        <source>Model: %1 (holdout RMSE %2, MAPE %3 % over %4 points)</source>
        <translation>模型：%1（留出集 RMSE %2，MAPE %3%，%4 个点）</translation>
    </message>
    <message>
        <source>Capacity %1 %4 · committed %2 · last week&apos;s peak demand %3</source>
        <translation>容量 %1 %4 · 承诺 %2 · 上周峰值需求 %3</translation>
    </message>
    <message>
        <source>Headroom %1 (%2 %)</source>
        <translation>余量 %1（%2%）</translation>
    </message>
    <message>
        <source>Exhaustion (conservative): %1</source>
        <translation>耗尽时间（保守）：%1</translation>
    </message>
    <message>
        <source>Exhaustion (expected): %1</source>
        <translation>耗尽时间（预期）：%1</translation>
    </message>
    <message>
        <source>Expected: %1</source>
        <translation>预期：%1</translation>
    </message>
    <message>
        <source>Conservative: %1</source>
        <translation>保守：%1</translation>
    </message>
    <message>
        <source>Without the scenario: %1</source>
        <translation>不含情景：%1</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>all providers</source>
        <translation>全部提供商</translation>
    </message>
    <message>
        <source>all classes</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存情景</translation>
    </message>
    <message>
        <source>Scenario name:</source>
        <translation>情景名称：</translation>
    </message>
</context>
<context>
    <name>capaudit::CapacityPlot</name>
    <message>
        <source>95 % prediction interval</source>
        <translation>95% 预测区间</translation>
    </message>
    <message>
        <source>80 % prediction interval</source>
        <translation>80% 预测区间</translation>
    </message>
    <message>
        <source>Demand (allocated)</source>
        <translation>需求（已分配）</translation>
    </message>
    <message>
        <source>Forecast (%1)</source>
        <translation>预测（%1）</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>承诺容量</translation>
    </message>
    <message>
        <source>Expected exhaustion %1</source>
        <translation>预期耗尽 %1</translation>
    </message>
    <message>
        <source>Conservative exhaustion %1</source>
        <translation>保守耗尽 %1</translation>
    </message>
</context>
<context>
    <name>capaudit::CaseSession</name>
    <message>
        <source>The case file does not exist. It may have been moved or deleted.</source>
        <translation>案卷文件不存在，可能已被移动或删除。</translation>
    </message>
    <message>
        <source>This is a folder, not a case file (*.capcase).</source>
        <translation>这是一个文件夹，不是案卷文件 (*.capcase)。</translation>
    </message>
    <message>
        <source>You do not have permission to read this case file.</source>
        <translation>您没有读取此案卷文件的权限。</translation>
    </message>
    <message>
        <source>The case file or its folder is read-only, and SQLite could not open it: %1. Copy the case to a writable folder to open it.</source>
        <translation>案卷文件或其所在文件夹为只读，SQLite 无法打开：%1。请将案卷复制到可写的文件夹后再打开。</translation>
    </message>
    <message>
        <source>A file with this name already exists; choose a new name for the case.</source>
        <translation>同名文件已存在，请为案卷另选一个名称。</translation>
    </message>
    <message>
        <source>No case is open.</source>
        <translation>没有打开的案卷。</translation>
    </message>
    <message>
        <source>The case is read-only; the trust store cannot be changed.</source>
        <translation>案卷为只读，无法修改信任库。</translation>
    </message>
    <message>
        <source>No trust anchors</source>
        <translation>没有信任锚</translation>
    </message>
    <message>
        <source>1 trust anchor</source>
        <translation>1 个信任锚</translation>
    </message>
    <message>
        <source>%1 trust anchors</source>
        <translation>%1 个信任锚</translation>
    </message>
    <message>
        <source>1 bundle verified</source>
        <translation>1 个证据包已验证</translation>
    </message>
    <message>
        <source>%1 bundles verified</source>
        <translation>%1 个证据包已验证</translation>
    </message>
    <message>
        <source>%1 untrusted</source>
        <translation>%1 个不受信任</translation>
    </message>
</context>
<context>
    <name>capaudit::CheckModel</name>
    <message>
        <source>Pass</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>Fail</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>What to do: %1</source>
        <translation>处理建议：%1</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>capaudit::ClassTrendChart</name>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&quot;color:%4&quot;&gt;%2 delivered&lt;/span&gt; · %3 committed</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;&lt;br&gt;&lt;span style=&quot;color:%4&quot;&gt;已交付 %2&lt;/span&gt; · 已承诺 %3</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Mean delivered capacity over the checked period against the sum of the commitments in force (as the compliance checks compute them).</source>
        <translation>检查时段内的平均已交付容量，对比有效承诺的总和（与合规检查的计算方式相同）。</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>已交付</translation>
    </message>
    <message>
        <source>Committed</source>
        <translation>已承诺</translation>
    </message>
    <message>
        <source>%1 · %2: delivered capacity (solid) and committed capacity (dashed)</source>
        <translation>%1 · %2：已交付容量（实线）与已承诺容量（虚线）</translation>
    </message>
</context>
<context>
    <name>capaudit::ComparisonCriteria</name>
    <message>
        <source>Delivered vs claimed capacity</source>
        <translation>已交付容量与申报容量对比</translation>
    </message>
    <message>
        <source>Mean delivered capacity / committed capacity per resource class, averaged over the classes; 100 x ratio, capped at 100; then x0.25 per critical, x0.6 per high, x0.85 per medium, x0.95 per low finding of capacity.*, sovereignty.*, attestation.coverage and telemetry.meter-agreement.</source>
        <translation>每个资源类别的平均已交付容量 / 承诺容量，再对各类别取平均；得分为 100 x 比例，上限 100；之后 capacity.*、sovereignty.*、attestation.coverage 和 telemetry.meter-agreement 的每个严重发现项乘以 0.25，每个高级发现项乘以 0.6，每个中级发现项乘以 0.85，每个低级发现项乘以 0.95。</translation>
    </message>
    <message>
        <source>SLA attainment</source>
        <translation>SLA 达成情况</translation>
    </message>
    <message>
        <source>Node-weighted availability vs the attested target: downtime within the allowed downtime scores 100, otherwise 100 x allowed / actual downtime; then lowered by each sla.* finding like delivery.</source>
        <translation>按节点加权的可用性对比已证明的目标：停机时间在允许范围内得 100 分，否则为 100 x 允许停机时间 / 实际停机时间；之后与交付一样，因每个 sla.* 发现项而降低。</translation>
    </message>
    <message>
        <source>Effective cost per delivered unit</source>
        <translation>每交付单位的有效成本</translation>
    </message>
    <message>
        <source>Billed cost / metered allocated unit-hours per class; 100 x cheapest bidder&apos;s cost / this bidder&apos;s, averaged over its billed classes (one common currency is assumed); then lowered by each billing.* finding like delivery.</source>
        <translation>每个资源类别的计费金额 / 计量的已分配单位小时；得分为 100 x 最低投标方的成本 / 本投标方的成本，并对其有计费的各类别取平均（假定使用同一币种）；之后与交付一样，因每个 billing.* 发现项而降低。</translation>
    </message>
    <message>
        <source>Findings by severity</source>
        <translation>按严重程度统计的发现项</translation>
    </message>
    <message>
        <source>Penalty P = 10 per critical, 5 per high, 2 per medium, 1 per low finding; score 100 x 10 / (10 + P).</source>
        <translation>罚分 P = 每个严重发现项 10 分、每个高级发现项 5 分、每个中级发现项 2 分、每个低级发现项 1 分；得分为 100 x 10 / (10 + P)。</translation>
    </message>
    <message>
        <source>Evidence assurance</source>
        <translation>证据保证程度</translation>
    </message>
    <message>
        <source>80 x (verified + 0.5 untrusted) / all bundles (rejected count 0), plus 20 when an independent meter covers the provider&apos;s nodes; then lowered by each finding of any other rule (evidence.*, telemetry.*, time.*, attestation.versions) like delivery.</source>
        <translation>80 x（已验证 + 0.5 x 不受信任）/ 全部证据包（被拒绝的计为 0），有独立计量方覆盖该提供商的节点时另加 20；之后与交付一样，因其他任一规则（evidence.*、telemetry.*、time.*、attestation.versions）的每个发现项而降低。</translation>
    </message>
</context>
<context>
    <name>capaudit::ComparisonPage</name>
    <message>
        <source>&amp;Save weights</source>
        <translation>保存权重(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Equal weights</source>
        <translation>等权重(&amp;E)</translation>
    </message>
    <message>
        <source>Criteria weights</source>
        <translation>标准权重</translation>
    </message>
    <message>
        <source>Keep these weights in the case (recorded in the audit trail); reports use them</source>
        <translation>将这些权重保存到案卷中（记录在审计轨迹中）；报告将使用这些权重</translation>
    </message>
    <message>
        <source>Weighted score (0–100)</source>
        <translation>加权得分（0–100）</translation>
    </message>
    <message>
        <source>Waiting for the compliance checks…</source>
        <translation>正在等待合规检查…</translation>
    </message>
    <message>
        <source>No case open.</source>
        <translation>没有打开的案卷。</translation>
    </message>
    <message>
        <source>The weights in the case could not be read (%1); equal weights are shown.</source>
        <translation>无法读取案卷中的权重（%1）；当前显示等权重。</translation>
    </message>
    <message>
        <source>At least one weight must be above zero.</source>
        <translation>至少有一个权重必须大于零。</translation>
    </message>
    <message>
        <source>Could not save the weights: %1</source>
        <translation>无法保存权重：%1</translation>
    </message>
    <message>
        <source>Weights saved in the case.</source>
        <translation>权重已保存到案卷中。</translation>
    </message>
    <message>
        <source>Changed weights are not saved yet.</source>
        <translation>已更改的权重尚未保存。</translation>
    </message>
    <message>
        <source>A comparison needs at least two providers in the case.</source>
        <translation>比较至少需要案卷中有两个提供商。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ranking stable&lt;/b&gt;: no single weight moved by ±10 % changes the order (%1).</source>
        <translation>&lt;b&gt;排名稳定&lt;/b&gt;：任一权重变动 ±10% 均不改变顺序（%1）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Ranking sensitive&lt;/b&gt;: %1 (%2).</source>
        <translation>&lt;b&gt;排名敏感&lt;/b&gt;：%1（%2）。</translation>
    </message>
    <message>
        <source>%1 weight ×%2: %3 drops below %4</source>
        <translation>%1 权重 ×%2：%3 降至 %4 之后</translation>
    </message>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2%）</translation>
    </message>
    <message>
        <source>Filter providers…</source>
        <translation>筛选提供商…</translation>
    </message>
</context>
<context>
    <name>capaudit::ComparisonText</name>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>high</source>
        <translation>高</translation>
    </message>
    <message>
        <source>medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>%1 %2 → %3 (%4)</source>
        <translation>%1 %2 → %3（%4）</translation>
    </message>
    <message>
        <source>%1 %2 ×%3: −%4</source>
        <translation>%1 %2 ×%3：−%4</translation>
    </message>
    <message>
        <source>%1: findings lowered %2; total %3 → %4, rank %5 (%6 without the findings).</source>
        <translation>%1：发现项使%2降低；总分 %3 → %4，排名第 %5（不计发现项时为第 %6）。</translation>
    </message>
    <message>
        <source>ranking sensitive to %1</source>
        <translation>排名对%1敏感</translation>
    </message>
    <message>
        <source>ranking stable</source>
        <translation>排名稳定</translation>
    </message>
</context>
<context>
    <name>capaudit::CoverageModel</name>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Partly verified</source>
        <translation>部分已验证</translation>
    </message>
    <message>
        <source>Untrusted signer</source>
        <translation>签名者不受信任</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Unreadable</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Telemetry</source>
        <translation>遥测</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>Attestation</source>
        <translation>分配证明</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>%1 · %2 · %3: %4</source>
        <translation>%1 · %2 · %3：%4</translation>
    </message>
    <message>
        <source>A bundle refused on import also claimed this day.</source>
        <translation>导入时被拒绝的证据包也声称覆盖了这一天。</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>capaudit::CoverageStrip</name>
    <message>
        <source>No evidence in the case yet.</source>
        <translation>案卷中尚无证据。</translation>
    </message>
</context>
<context>
    <name>capaudit::DemoBankJob</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Generating the demo compute bank…</source>
        <translation>正在生成演示计算银行…</translation>
    </message>
    <message>
        <source>Generating: %1</source>
        <translation>正在生成：%1</translation>
    </message>
    <message>
        <source>Demo compute bank</source>
        <translation>演示计算银行</translation>
    </message>
    <message>
        <source>Importing bundle %1 of %2: %3</source>
        <translation>正在导入第 %1 个证据包（共 %2 个）：%3</translation>
    </message>
    <message>
        <source>Demo bank ready</source>
        <translation>演示银行已就绪</translation>
    </message>
</context>
<context>
    <name>capaudit::EvidenceNote</name>
    <message>
        <source>attested inventory entry</source>
        <translation>已证明的资源清单条目</translation>
    </message>
    <message>
        <source>attested node</source>
        <translation>已证明的节点</translation>
    </message>
    <message>
        <source>SLA terms (attestation)</source>
        <translation>SLA 条款（分配证明）</translation>
    </message>
    <message>
        <source>rows involved</source>
        <translation>涉及的行</translation>
    </message>
    <message>
        <source>unreconciled rows</source>
        <translation>未核对的行</translation>
    </message>
    <message>
        <source>FOCUS Usage rows</source>
        <translation>FOCUS 用量（Usage）行</translation>
    </message>
    <message>
        <source>rows in another currency</source>
        <translation>以其他币种计费的行</translation>
    </message>
    <message>
        <source>rows for the tenant</source>
        <translation>向该租户计费的行</translation>
    </message>
    <message>
        <source>rows whose charge period overlaps an earlier row&apos;s</source>
        <translation>计费期间与更早一行重叠的行</translation>
    </message>
    <message>
        <source>all Usage rows of the tenant and class</source>
        <translation>该租户和资源类别的全部用量行</translation>
    </message>
    <message>
        <source>measured allocation (hourly rollups)</source>
        <translation>实测分配（按小时汇总）</translation>
    </message>
    <message>
        <source>attestation signed %1</source>
        <translation>%1 签名的分配证明</translation>
    </message>
    <message>
        <source>import-failed, trail entry %1</source>
        <translation>导入失败，审计记录 %1</translation>
    </message>
    <message>
        <source>attested commitment</source>
        <translation>已证明的承诺容量</translation>
    </message>
    <message>
        <source>quarantined rows</source>
        <translation>已隔离的行</translation>
    </message>
    <message>
        <source>rows noted</source>
        <translation>已记录但保留的行</translation>
    </message>
    <message>
        <source>trail entry %1</source>
        <translation>审计记录 %1</translation>
    </message>
    <message>
        <source>imported as untrusted</source>
        <translation>以不受信任状态导入</translation>
    </message>
    <message>
        <source>latest provider-signed telemetry bundle</source>
        <translation>由提供商签名的最新遥测证据包</translation>
    </message>
    <message>
        <source>checkpoint &apos;%1&apos; size %2 root %3</source>
        <translation>检查点“%1”，大小 %2，根 %3</translation>
    </message>
    <message>
        <source>independent meter: the %1 it saw</source>
        <translation>独立计量方：其观测到的%1</translation>
    </message>
    <message>
        <source>declared resolutionSeconds %1</source>
        <translation>声明的 resolutionSeconds 为 %1</translation>
    </message>
    <message>
        <source>telemetry covering the period</source>
        <translation>覆盖该时段的遥测</translation>
    </message>
    <message>
        <source>commitment (attestation)</source>
        <translation>承诺容量（分配证明）</translation>
    </message>
    <message>
        <source>attested inventory</source>
        <translation>已证明的资源清单</translation>
    </message>
    <message>
        <source>attestation</source>
        <translation>分配证明</translation>
    </message>
    <message>
        <source>line claiming usage again</source>
        <translation>再次申报用量的发票行</translation>
    </message>
    <message>
        <source>EN 16931 invoice</source>
        <translation>EN 16931 发票</translation>
    </message>
    <message>
        <source>invoice lines outside the period</source>
        <translation>超出期间的发票行</translation>
    </message>
    <message>
        <source>independent meter: no row for the node at these scrapes</source>
        <translation>独立计量方：这些采集时刻没有该节点的行</translation>
    </message>
    <message>
        <source>provider telemetry</source>
        <translation>提供商遥测</translation>
    </message>
    <message>
        <source>node rows above</source>
        <translation>高于已证明容量的节点行</translation>
    </message>
    <message>
        <source>rows first reporting the keys</source>
        <translation>首次报告这些键的行</translation>
    </message>
    <message>
        <source>rows repeating them</source>
        <translation>重复报告这些键的行</translation>
    </message>
    <message>
        <source>last sample before the gap</source>
        <translation>缺口前的最后一个样本</translation>
    </message>
    <message>
        <source>first sample after the gap</source>
        <translation>缺口后的第一个样本</translation>
    </message>
    <message>
        <source>first bundle</source>
        <translation>第一个证据包</translation>
    </message>
    <message>
        <source>second bundle</source>
        <translation>第二个证据包</translation>
    </message>
    <message>
        <source>steps above the limit</source>
        <translation>超出限值的步长</translation>
    </message>
    <message>
        <source>first such sample</source>
        <translation>第一个此类样本</translation>
    </message>
    <message>
        <source>invoice lines</source>
        <translation>发票行</translation>
    </message>
    <message>
        <source>credit note</source>
        <translation>贷项通知单</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>发票</translation>
    </message>
</context>
<context>
    <name>capaudit::EvidencePage</name>
    <message>
        <source>Filter by provider, signer, fingerprint, digest…</source>
        <translation>按提供商、签名者、指纹、摘要筛选…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>全部类型</translation>
    </message>
    <message>
        <source>All verdicts</source>
        <translation>全部结论</translation>
    </message>
    <message>
        <source>%1 of 1 bundle</source>
        <translation>%1 / 1 个证据包</translation>
    </message>
    <message>
        <source>%1 of %2 bundles</source>
        <translation>%1 / %2 个证据包</translation>
    </message>
</context>
<context>
    <name>capaudit::EvidenceRowsModel</name>
    <message>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>Raw line</source>
        <translation>原始行</translation>
    </message>
</context>
<context>
    <name>capaudit::EvidenceViewerDialog</name>
    <message>
        <source>Statistics of the cited rows only</source>
        <translation>仅统计被引用的行</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>证据：%1</translation>
    </message>
    <message>
        <source>Reading the cited rows from the case…</source>
        <translation>正在从案卷读取被引用的行…</translation>
    </message>
    <message>
        <source>&amp;Copy rows</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Export the rows</source>
        <translation>导出这些行</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>The cited rows cannot be shown.</source>
        <translation>无法显示被引用的行。</translation>
    </message>
    <message>
        <source>the first rows</source>
        <translation>前几行</translation>
    </message>
    <message>
        <source>lines %1–%2</source>
        <translation>第 %1–%2 行</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message numerus="yes">
        <source>&lt;b&gt;%1&lt;/b&gt;, %2 of bundle &lt;code&gt;%3&lt;/code&gt; (%4 lines; %5). %n row(s) cited, marked in yellow.</source>
        <translation>
            <numerusform>&lt;b&gt;%1&lt;/b&gt;，证据包 &lt;code&gt;%3&lt;/code&gt; 的%2（共 %4 行；%5）。%n 行被引用，以黄色标出。</numerusform>
        </translation>
    </message>
    <message>
        <source>no declared format</source>
        <translation>未声明格式</translation>
    </message>
    <message>
        <source>Read from the case&apos;s stored copy; its SHA-256 %1 matches the digest the bundle recorded.</source>
        <translation>读取自案卷中存储的副本；其 SHA-256 %1 与证据包记录的摘要一致。</translation>
    </message>
    <message>
        <source>Only the first %1 rows are shown.</source>
        <translation>仅显示前 %1 行。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Filter the rows…</source>
        <translation>筛选行…</translation>
    </message>
</context>
<context>
    <name>capaudit::FieldStatisticsModel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>Empty</source>
        <translation>空值</translation>
    </message>
    <message>
        <source>Distinct</source>
        <translation>不同值</translation>
    </message>
    <message>
        <source>Numeric</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Min</source>
        <translation>最小值</translation>
    </message>
    <message>
        <source>Max</source>
        <translation>最大值</translation>
    </message>
    <message>
        <source>Sum</source>
        <translation>总和</translation>
    </message>
</context>
<context>
    <name>capaudit::FindingDetailWidget</name>
    <message>
        <source>whole file</source>
        <translation>整个文件</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>lines %1–%2</source>
        <translation>第 %1–%2 行</translation>
    </message>
    <message>
        <source>Show on &amp;timeline</source>
        <translation>在时间线上显示(&amp;T)</translation>
    </message>
    <message>
        <source>Switch to the timeline, zoomed to the finding&apos;s provider, resource and period</source>
        <translation>切换到时间线，并缩放到该发现项的提供商、资源和时段</translation>
    </message>
    <message>
        <source>Select a finding to see its scope, figures and evidence.</source>
        <translation>选择一个发现项以查看其范围、数据和证据。</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>租户</translation>
    </message>
    <message>
        <source>Resource class</source>
        <translation>资源类别</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>区域</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>No evidence reference.</source>
        <translation>无证据引用。</translation>
    </message>
    <message>
        <source>Bundle (SHA-256)</source>
        <translation>证据包（SHA-256）</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Shows</source>
        <translation>显示内容</translation>
    </message>
    <message>
        <source>(bundle)</source>
        <translation>（证据包）</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>capaudit::FindingMessage</name>
    <message>
        <source>Attested node %1 %2 (%3 steps, %4 h): counted as unavailable and not delivered</source>
        <translation>已证明的节点 %1 %2（%3 个步长，%4 小时）：计为不可用且未交付</translation>
    </message>
    <message>
        <source>Node %1 was available %2 % of the time, below the %3 % target</source>
        <translation>节点 %1 的可用时间为 %2 %，低于 %3 % 的目标</translation>
    </message>
    <message>
        <source>%1&apos;s %2 availability was %3 %, below the contracted %4 %</source>
        <translation>%1 的%2可用性为 %3 %，低于合同约定的 %4 %</translation>
    </message>
    <message>
        <source>Invoice %1: %2 in %3 rows (%4)</source>
        <translation>发票 %1：%3 行中存在 %2（%4）</translation>
    </message>
    <message>
        <source>Invoice %1 of %2: %3 rows (%4) charge %5 %6 that no measured delivery accounts for</source>
        <translation>%2 的发票 %1：%3 行（%4）收取了 %5 %6，没有任何已测量的交付与之对应</translation>
    </message>
    <message>
        <source>Invoice %1 of %2 charges %3 %4 for %5 of %6 to %7, %8 %4 %9 than the quantity at the contract price</source>
        <translation>%2 的发票 %1 就 %6 的 %5（%7）收取 %3 %4，比按合同价格计算的数量%9 %8 %4</translation>
    </message>
    <message>
        <source>Invoice %1 of %2 bills %4 %3 against a contract in %5: it cannot be reconciled in money</source>
        <translation>%2 的发票 %1 针对以 %5 计价的合同计费 %4 %3：无法以金额核对</translation>
    </message>
    <message>
        <source>Invoice %1 of %2 bills %3 %4 to tenant %5, who is not in the attested tenant list</source>
        <translation>%2 的发票 %1 向租户 %5 计费 %3 %4，而该租户不在已证明的租户列表中</translation>
    </message>
    <message>
        <source>%1 bills %2 rows of %3 for %4 over charge periods already billed: %5 %6 charged twice</source>
        <translation>%1 对 %3 的 %4 在已计费的计费期间上再次计费 %2 行：%5 %6 被重复收取</translation>
    </message>
    <message>
        <source>%1 billed %2 %3 of %4 to %5 over %6 charge periods where its own telemetry measured %7: %8 %9 %10</source>
        <translation>%1 在 %6 个计费期间内向 %5 计费 %4 的 %2 %3，而其自身遥测测得 %7：%10 %8 %9</translation>
    </message>
    <message>
        <source>%1 billed %2 %3 of %4 to %5 on invoice %6 (charge periods each within tolerance) where its own telemetry measured %7: %8 %9 %10</source>
        <translation>%1 在发票 %6 上向 %5 计费 %4 的 %2 %3（各计费期间均在容差之内），而其自身遥测测得 %7：%10 %8 %9</translation>
    </message>
    <message>
        <source>%1 billed %2 %3 of %4 to %5 over %6 invoices (each within tolerance) where its own telemetry measured %7: %8 %9 %10</source>
        <translation>%1 在 %6 张发票中向 %5 计费 %4 的 %2 %3（每张均在容差之内），而其自身遥测测得 %7：%10 %8 %9</translation>
    </message>
    <message>
        <source>Node %1 is in %2 (%3), outside the allowed jurisdictions, and holds tenant allocations</source>
        <translation>节点 %1 位于 %2（%3），在允许的司法管辖区之外，并持有租户分配</translation>
    </message>
    <message>
        <source>Node %1 is in %2 (%3), outside the allowed jurisdictions</source>
        <translation>节点 %1 位于 %2（%3），在允许的司法管辖区之外</translation>
    </message>
    <message>
        <source>%1 re-issued its attestation of contract %2 (bundle %3) on %4, %5 days after the period it governs ended; it restates bundle %6 signed %7</source>
        <translation>%1 于 %4 重新签发了合同 %2 的分配证明（证据包 %3），此时其所涵盖的期间已结束 %5 天；它重述了 %7 签名的证据包 %6</translation>
    </message>
    <message>
        <source>%1&apos;s attestation of contract %2 (bundle %3) was signed on %4, %5 days after the period it governs ended</source>
        <translation>%1 对合同 %2 的分配证明（证据包 %3）签署于 %4，此时其所涵盖的期间已结束 %5 天</translation>
    </message>
    <message>
        <source>%1 restated contract %2 in bundle %3 (signed %4) with weaker or moved terms than bundle %5 (signed %6): %7</source>
        <translation>%1 在证据包 %3（签署于 %4）中重述了合同 %2，条款比证据包 %5（签署于 %6）更弱或已变动：%7</translation>
    </message>
    <message>
        <source>A verified %1 bundle could not be imported, so none of its evidence was checked: %2: %3</source>
        <translation>一个已验证的%1证据包无法导入，因此其证据均未被检查：%2：%3</translation>
    </message>
    <message>
        <source>%1 committed %2 %3 of %4 but no telemetry reports %4 between %5 and %6: the commitment cannot be checked</source>
        <translation>%1 承诺了 %4 的 %2 %3，但在 %5 与 %6 之间没有遥测报告 %4：该承诺无法检查</translation>
    </message>
    <message>
        <source>%1 %2: %3 row(s) break %4 (%5; e.g. %6)</source>
        <translation>%1 %2：%3 行违反 %4（%5；例如 %6）</translation>
    </message>
    <message>
        <source>A %1 bundle was rejected at import (%2): %3</source>
        <translation>一个%1证据包在导入时被拒绝（%2）：%3</translation>
    </message>
    <message>
        <source>A %1 bundle&apos;s signer is not trusted; it was not imported (%2)</source>
        <translation>一个%1证据包的签名者不受信任；未被导入（%2）</translation>
    </message>
    <message>
        <source>A %1 bundle was imported although its signer (%2) is not in the trust store</source>
        <translation>一个%1证据包已被导入，但其签名者（%2）不在信任库中</translation>
    </message>
    <message>
        <source>%1&apos;s telemetry is signed only by %1 itself; no independent meter corroborates it</source>
        <translation>%1 的遥测仅由 %1 自身签名；没有独立计量方予以佐证</translation>
    </message>
    <message>
        <source>%1 delivered as little as %2 %3 of %4 in %5 against %6 committed, for %7 h</source>
        <translation>%1 在 %5 交付的 %4 最少仅为 %2 %3，而承诺为 %6，持续 %7 小时</translation>
    </message>
    <message>
        <source>%1 delivered telemetry but no attestation of its allocation (contract, inventory) is in the case</source>
        <translation>%1 提交了遥测，但案卷中没有其分配的证明（合同、资源清单）</translation>
    </message>
    <message>
        <source>Node %1 appears in %2&apos;s telemetry from %3 but is not in the attested inventory</source>
        <translation>节点 %1 自 %3 起出现在 %2 的遥测中，但不在已证明的资源清单中</translation>
    </message>
    <message>
        <source>Node %1 appears in %2&apos;s telemetry from %3 to %4 while the attestation in force does not list it</source>
        <translation>节点 %1 在 %3 至 %4 期间出现在 %2 的遥测中，而当时有效的分配证明未列出该节点</translation>
    </message>
    <message>
        <source>%1&apos;s attestation is %2 days older than the end of its telemetry (allowed %3)</source>
        <translation>%1 的分配证明比其遥测的结束时间早 %2 天（允许 %3 天）</translation>
    </message>
    <message>
        <source>%1 invoiced %2 unit-hours of %3 twice (%4 %5)</source>
        <translation>%1 对 %3 的 %2 单位小时重复开票（%4 %5）</translation>
    </message>
    <message>
        <source>%1 %2 %3 breaks %4 (%5): states %6, the document adds up to %7</source>
        <translation>%1 %2 %3 违反 %4（%5）：载明 %6，而文档合计为 %7</translation>
    </message>
    <message>
        <source>%1 invoice %2 charges in %3 where the contract is in %4</source>
        <translation>%1 的发票 %2 以 %3 收费，而合同以 %4 计价</translation>
    </message>
    <message>
        <source>%1 invoice %2 claims %3 %4 for time outside the contract period or its own invoice period</source>
        <translation>%1 的发票 %2 就合同期间或其自身发票期间之外的时间收取 %3 %4</translation>
    </message>
    <message>
        <source>Transparency log &apos;%1&apos; signed two different trees of size %2 (a split view): root %3 in bundle %4 and root %5 in bundle %6</source>
        <translation>透明日志“%1”签署了两棵大小均为 %2 的不同树（分裂视图）：证据包 %4 中的根 %3 与证据包 %6 中的根 %5</translation>
    </message>
    <message>
        <source>Transparency log &apos;%1&apos; is not proven consistent from size %2 (root %3, bundle %4) to size %5 (root %6, bundle %7): %8</source>
        <translation>透明日志“%1”从大小 %2（根 %3，证据包 %4）到大小 %5（根 %6，证据包 %7）的一致性未被证明：%8</translation>
    </message>
    <message>
        <source>The independent meter saw %1 %2 allocated to tenants on node %3 (%4) for %5 h where %6 reported %7</source>
        <translation>独立计量方在节点 %3（%4）上看到分配给租户的 %1 %2，持续 %5 小时，而 %6 报告的是 %7</translation>
    </message>
    <message>
        <source>The independent meter could not reach node %1 (%2) for %3 h while %4 reported it up with %5 %6</source>
        <translation>独立计量方在 %3 小时内无法连接节点 %1（%2），而 %4 报告其在线且容量为 %5 %6</translation>
    </message>
    <message>
        <source>The independent meter saw node %1 (%2) with a capacity of %3 %4 for %5 h where %6 reported %7</source>
        <translation>独立计量方看到节点 %1（%2）的容量为 %3 %4，持续 %5 小时，而 %6 报告的是 %7</translation>
    </message>
    <message>
        <source>The independent meter covers %1 of %2&apos;s %3 node classes; the other %4 rest on the provider&apos;s own signature</source>
        <translation>独立计量方覆盖了 %2 的 %3 个节点类别中的 %1 个；其余 %4 个仅依赖提供商自身的签名</translation>
    </message>
    <message>
        <source>Telemetry bundle %1 declares a %2 s resolution but its samples are %3 s apart: quantities are integrated over %3 s</source>
        <translation>遥测证据包 %1 声明的分辨率为 %2 秒，但其样本间隔为 %3 秒：数量按 %3 秒积分</translation>
    </message>
    <message>
        <source>Node %1 reported %2 capacity up to %3 against %4 attested, for %5 h: capped at the attested capacity for delivery, availability and over-commitment</source>
        <translation>节点 %1 报告的 %2 容量最高达 %3，而已证明的为 %4，持续 %5 小时：交付、可用性和超额承诺均按已证明的容量封顶</translation>
    </message>
    <message>
        <source>%1 tenant rows of node %2 (%3) repeat a (time, node, class, tenant) key in %4: %5 unit-hours counted twice</source>
        <translation>节点 %2（%3）的 %1 条租户行在 %4 中重复了（时间、节点、类别、租户）键：%5 单位小时被重复计算</translation>
    </message>
    <message>
        <source>No telemetry for node %1 during %2 steps (%3 h)</source>
        <translation>节点 %1 在 %2 个步长（%3 小时）内没有遥测</translation>
    </message>
    <message>
        <source>Two telemetry bundles report the same node steps for %1 nodes (double counting)</source>
        <translation>两个遥测证据包报告了 %1 个节点的相同节点步长（重复计算）</translation>
    </message>
    <message>
        <source>Node %1 had %2 allocated up to %3x its capacity (limit %4x) for %5 h</source>
        <translation>节点 %1 的 %2 分配最高达其容量的 %3 倍（上限 %4 倍），持续 %5 小时</translation>
    </message>
    <message>
        <source>%1 samples %2</source>
        <translation>%1 个样本%2</translation>
    </message>
    <message>
        <source>%1 invoiced %2 %3 for %4 where its FOCUS data bills %5: %6 invoiced but not billed</source>
        <translation>%1 就 %4 开票 %2 %3，而其 FOCUS 数据计费 %5：%6 已开票但未计费</translation>
    </message>
    <message>
        <source>%1 invoiced %2 unit-hours of %3 where its telemetry measured %4 allocated: %5 %6 not delivered</source>
        <translation>%1 就 %3 开票 %2 单位小时，而其遥测测得已分配 %4：%5 %6 未交付</translation>
    </message>
    <message>
        <source>%1 delivered %2 of %3 committed unit-hours of %4 but invoiced %5 %6, the full committed charge</source>
        <translation>%1 交付了 %4 承诺的 %3 单位小时中的 %2，却开票 %5 %6，即全部承诺费用</translation>
    </message>
    <message>
        <source>%1 owes an SLA credit of %2 %3 (%4 % of %5 invoiced while below its availability target) and credited %6</source>
        <translation>%1 应给予 %2 %3 的 SLA 赔偿（低于可用性目标期间开票 %5 的 %4 %），实际赔偿 %6</translation>
    </message>
</context>
<context>
    <name>capaudit::FindingModel</name>
    <message>
        <source>Info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>低</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>中</translation>
    </message>
    <message>
        <source>High</source>
        <translation>高</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>node %1</source>
        <translation>节点 %1</translation>
    </message>
    <message>
        <source>tenant %1</source>
        <translation>租户 %1</translation>
    </message>
    <message>
        <source>region %1</source>
        <translation>区域 %1</translation>
    </message>
    <message>
        <source>provider-wide</source>
        <translation>整个提供商</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 – %2 UTC</source>
        <translation>%1 – %2 UTC</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>实测</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>预期</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现项</translation>
    </message>
</context>
<context>
    <name>capaudit::FindingUnit</name>
    <message>
        <source>missing steps</source>
        <translation>个缺失步长</translation>
    </message>
    <message>
        <source>rows</source>
        <translation>行</translation>
    </message>
    <message>
        <source>hours billed twice</source>
        <translation>重复计费小时</translation>
    </message>
    <message>
        <source>days</source>
        <translation>天</translation>
    </message>
    <message>
        <source>changes</source>
        <translation>项变更</translation>
    </message>
    <message>
        <source>unit-hours</source>
        <translation>单位小时</translation>
    </message>
    <message>
        <source>node classes</source>
        <translation>个节点类别</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>duplicated rows</source>
        <translation>重复行</translation>
    </message>
    <message>
        <source>allocated/capacity</source>
        <translation>分配/容量</translation>
    </message>
    <message>
        <source>samples</source>
        <translation>个样本</translation>
    </message>
</context>
<context>
    <name>capaudit::FindingWord</name>
    <message>
        <source>never reported</source>
        <translation>从未报告</translation>
    </message>
    <message>
        <source>reported nothing from the start of the period</source>
        <translation>从期间开始起未报告任何数据</translation>
    </message>
    <message>
        <source>reported nothing until the end of the evidence</source>
        <translation>直到证据结束都未报告任何数据</translation>
    </message>
    <message>
        <source>capacity-weighted</source>
        <translation>按容量加权的</translation>
    </message>
    <message>
        <source>node-weighted</source>
        <translation>按节点加权的</translation>
    </message>
    <message>
        <source>more</source>
        <translation>多</translation>
    </message>
    <message>
        <source>less</source>
        <translation>少</translation>
    </message>
    <message>
        <source>over-billed</source>
        <translation>多收费</translation>
    </message>
    <message>
        <source>under-billed</source>
        <translation>少收费</translation>
    </message>
    <message>
        <source>telemetry</source>
        <translation>遥测</translation>
    </message>
    <message>
        <source>attestation</source>
        <translation>分配证明</translation>
    </message>
    <message>
        <source>billing</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <source>unclassified items</source>
        <translation>未分类项目</translation>
    </message>
    <message>
        <source>credit note</source>
        <translation>贷项通知单</translation>
    </message>
    <message>
        <source>its own currency</source>
        <translation>其自身货币</translation>
    </message>
    <message>
        <source>lie outside their bundle&apos;s declared period</source>
        <translation>落在其证据包声明的期间之外</translation>
    </message>
    <message>
        <source>lie outside the attested contract period</source>
        <translation>落在已证明的合同期间之外</translation>
    </message>
    <message>
        <source>are time-stamped after their bundle was signed</source>
        <translation>的时间戳晚于其证据包的签名时间</translation>
    </message>
    <message>
        <source>capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>allocation</source>
        <translation>分配</translation>
    </message>
</context>
<context>
    <name>capaudit::FindingsPage</name>
    <message>
        <source>Filter by node, tenant, rule, text…</source>
        <translation>按节点、租户、规则、文本筛选…</translation>
    </message>
    <message>
        <source>All severities</source>
        <translation>全部严重程度</translation>
    </message>
    <message>
        <source>Low and above</source>
        <translation>低及以上</translation>
    </message>
    <message>
        <source>Medium and above</source>
        <translation>中及以上</translation>
    </message>
    <message>
        <source>High and above</source>
        <translation>高及以上</translation>
    </message>
    <message>
        <source>Critical only</source>
        <translation>仅严重</translation>
    </message>
    <message>
        <source>All rules</source>
        <translation>全部规则</translation>
    </message>
    <message>
        <source>All providers</source>
        <translation>全部提供商</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <source>Run the compliance checks again over the selected period (F5)</source>
        <translation>对所选时段重新运行合规检查 (F5)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the findings as CSV or JSON</source>
        <translation>将发现项保存为 CSV 或 JSON</translation>
    </message>
    <message>
        <source>Checks not run yet.</source>
        <translation>尚未运行检查。</translation>
    </message>
    <message>
        <source>No case open.</source>
        <translation>没有打开的案卷。</translation>
    </message>
    <message>
        <source>the whole case</source>
        <translation>整个案卷</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; · policy %2 · %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; · 策略 %2 · %3 · %4</translation>
    </message>
    <message>
        <source>Fails the policy</source>
        <translation>不符合策略</translation>
    </message>
    <message>
        <source>Passes the policy</source>
        <translation>符合策略</translation>
    </message>
    <message>
        <source>no findings</source>
        <translation>无发现项</translation>
    </message>
    <message>
        <source>Checking… %p%</source>
        <translation>正在检查… %p%</translation>
    </message>
    <message>
        <source>%1 of 1 finding</source>
        <translation>%1 / 1 个发现项</translation>
    </message>
    <message>
        <source>%1 of %2 findings</source>
        <translation>%1 / %2 个发现项</translation>
    </message>
    <message>
        <source>Export findings</source>
        <translation>导出发现项</translation>
    </message>
    <message>
        <source>CSV (*.csv);;JSON (*.json)</source>
        <translation>CSV (*.csv);;JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>%n finding(s) written to %1.</source>
        <translation>
            <numerusform>已将 %n 个发现项写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Three-way match</source>
        <translation>三方匹配</translation>
    </message>
    <message>
        <source>Contract, delivery, FOCUS billing and invoices per provider, invoice period and resource class, with the idle capacity the buyer pays for</source>
        <translation>按提供商、发票期间和资源类别列出合同、交付、FOCUS 计费与发票，以及买方为之付费的闲置容量</translation>
    </message>
    <message>
        <source>Filter by provider, period, class, status…</source>
        <translation>按提供商、期间、类别、状态筛选…</translation>
    </message>
</context>
<context>
    <name>capaudit::ImportDialog</name>
    <message>
        <source>not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <source>archive</source>
        <translation>归档文件</translation>
    </message>
    <message>
        <source>bundle folder</source>
        <translation>证据包文件夹</translation>
    </message>
    <message>
        <source>no bundle found: imported as it is, the import will say why it fails</source>
        <translation>未找到证据包：将按原样导入，导入结果会说明失败原因</translation>
    </message>
    <message numerus="yes">
        <source>folder of %n bundle(s)</source>
        <translation>
            <numerusform>含 %n 个证据包的文件夹</numerusform>
        </translation>
    </message>
    <message>
        <source>Accept &amp;untrusted signers (imported, marked untrusted)</source>
        <translation>接受不受信任的签名者(&amp;U)（导入并标记为不受信任）</translation>
    </message>
    <message>
        <source>&amp;Commit each bundle on its own</source>
        <translation>逐个单独提交证据包(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>导入证据包</translation>
    </message>
    <message>
        <source>Bundle archives, bundle folders and folders holding bundles, in any mix. Add them below or drop them here.</source>
        <translation>证据包归档文件、证据包文件夹以及包含证据包的文件夹，可任意混合。请在下方添加，或将它们拖放到此处。</translation>
    </message>
    <message>
        <source>By default the import is all or nothing: cancelling it, or a bundle that cannot be read, leaves the case exactly as it was. With this option each bundle is kept as soon as it is imported.</source>
        <translation>默认情况下，导入要么全部完成，要么全部不生效：取消导入或遇到无法读取的证据包时，案卷将完全保持导入前的状态。选中此项后，每个证据包一经导入即予保留。</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Add f&amp;olders…</source>
        <translation>添加文件夹(&amp;O)…</translation>
    </message>
    <message>
        <source>Add bundle archives</source>
        <translation>添加证据包归档文件</translation>
    </message>
    <message>
        <source>Bundles (*.capbundle *.tar.gz *.tgz *.tar *.zip envelope.dsse.json envelope.sigstore.json);;All files (*)</source>
        <translation>证据包 (*.capbundle *.tar.gz *.tgz *.tar *.zip envelope.dsse.json envelope.sigstore.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Add bundle folders</source>
        <translation>添加证据包文件夹</translation>
    </message>
    <message numerus="yes">
        <source>%n bundle(s) to import.</source>
        <translation>
            <numerusform>待导入 %n 个证据包。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to import yet.</source>
        <translation>尚无待导入的内容。</translation>
    </message>
</context>
<context>
    <name>capaudit::ImportProgressDialog</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Importing bundles</source>
        <translation>正在导入证据包</translation>
    </message>
    <message>
        <source>Overall</source>
        <translation>总进度</translation>
    </message>
    <message>
        <source>Bundle %1 of %2: &lt;b&gt;%3&lt;/b&gt;</source>
        <translation>第 %1 个证据包，共 %2 个：&lt;b&gt;%3&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Cancelling: rolling back the whole import…</source>
        <translation>正在取消：回滚整个导入…</translation>
    </message>
</context>
<context>
    <name>capaudit::ImportSummaryDialog</name>
    <message>
        <source>Import finished</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Import cancelled. The bundle being imported was rolled back; bundles finished before the cancel stay in the case. %1</source>
        <translation>导入已取消。正在导入的证据包已回滚；取消前已完成的证据包保留在案卷中。%1</translation>
    </message>
    <message>
        <source>Bundle</source>
        <translation>证据包</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Imported (untrusted)</source>
        <translation>已导入（不受信任）</translation>
    </message>
    <message>
        <source>Imported (verified)</source>
        <translation>已导入（已验证）</translation>
    </message>
    <message>
        <source>Already in the case</source>
        <translation>已在案卷中</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Refused: signer not trusted</source>
        <translation>已拒收：签名者不受信任</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>%1 verified, %2 untrusted, %3 rejected</source>
        <translation>%1 个已验证，%2 个不受信任，%3 个已拒绝</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>复制(&amp;C)</translation>
    </message>
    <message>
        <source>Copy the whole summary as tab-separated text</source>
        <translation>将整个摘要复制为制表符分隔的文本</translation>
    </message>
    <message>
        <source>Rejected, then rolled back</source>
        <translation>已拒绝，随后已回滚</translation>
    </message>
    <message>
        <source>Rolled back</source>
        <translation>已回滚</translation>
    </message>
    <message>
        <source>, %1 failed, cancelled or rolled back</source>
        <translation>，%1 个失败、已取消或已回滚</translation>
    </message>
    <message>
        <source>Import cancelled and rolled back: the case is exactly as it was before. %1</source>
        <translation>导入已取消并回滚：案卷与导入前完全相同。%1</translation>
    </message>
    <message>
        <source>Import rolled back, the case is exactly as it was before: %1. %2</source>
        <translation>导入已回滚，案卷与导入前完全相同：%1。%2</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>%1 (claimed, not verified)</source>
        <translation>%1（仅为声明，未经验证）</translation>
    </message>
</context>
<context>
    <name>capaudit::MainWindow</name>
    <message>
        <source>Bundle details</source>
        <translation>证据包详情</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>Audit trail</source>
        <translation>审计轨迹</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New case…</source>
        <translation>新建案卷(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Open case…</source>
        <translation>打开案卷(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Close case</source>
        <translation>关闭案卷(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+W</source>
        <translation>Ctrl+W</translation>
    </message>
    <message>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <source>Accept &amp;untrusted bundles</source>
        <translation>接受不受信任的证据包(&amp;U)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+U</source>
        <translation>Ctrl+Shift+U</translation>
    </message>
    <message>
        <source>Import bundles whose signer is not a trust anchor, marked untrusted</source>
        <translation>导入签名者不是信任锚的证据包，并标记为不受信任</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation>Ctrl+Q</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Case</source>
        <translation>案卷(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Trust store…</source>
        <translation>信任库(&amp;T)…</translation>
    </message>
    <message>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <source>Re-check audit trail &amp;chain</source>
        <translation>重新检查审计轨迹哈希链(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+K</source>
        <translation>Ctrl+K</translation>
    </message>
    <message>
        <source>&amp;Export verdict JSON…</source>
        <translation>导出核验结论 JSON(&amp;E)…</translation>
    </message>
    <message>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <source>C&amp;lear selected period</source>
        <translation>清除所选时段(&amp;L)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+L</source>
        <translation>Ctrl+Shift+L</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Overview</source>
        <translation>概览(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Evidence</source>
        <translation>证据(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <translation>时间线(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Audit trail</source>
        <translation>审计轨迹(&amp;A)</translation>
    </message>
    <message>
        <source>Ctrl+%1</source>
        <translation>Ctrl+%1</translation>
    </message>
    <message>
        <source>Ctrl+D</source>
        <translation>Ctrl+D</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>放大(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>缩小(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Reset timeline</source>
        <translation>重置时间线(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <source>Export &amp;chart…</source>
        <translation>导出图表(&amp;C)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+E</source>
        <translation>Ctrl+Shift+E</translation>
    </message>
    <message>
        <source>Re&amp;fresh</source>
        <translation>刷新(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About CapAudit</source>
        <translation>关于 CapAudit(&amp;A)</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>CapAudit</source>
        <translation>CapAudit</translation>
    </message>
    <message>
        <source>No case open</source>
        <translation>没有打开的案卷</translation>
    </message>
    <message>
        <source> [read-only]</source>
        <translation> [只读]</translation>
    </message>
    <message>
        <source>%1%2 — %3 — CapAudit</source>
        <translation>%1%2 — %3 — CapAudit</translation>
    </message>
    <message>
        <source>Period: %1</source>
        <translation>时段：%1</translation>
    </message>
    <message>
        <source>Period: whole case</source>
        <translation>时段：整个案卷</translation>
    </message>
    <message>
        <source>An import is running; wait for it to finish before opening another case.</source>
        <translation>正在导入，请等待完成后再打开其他案卷。</translation>
    </message>
    <message>
        <source>The case file is read-only: you can look at it, but not import or change the trust store.</source>
        <translation>案卷文件为只读：可以查看，但不能导入或修改信任库。</translation>
    </message>
    <message>
        <source>Open case</source>
        <translation>打开案卷</translation>
    </message>
    <message>
        <source>Could not open the case %1.

%2</source>
        <translation>无法打开案卷 %1。

%2</translation>
    </message>
    <message>
        <source>CapAudit cases (*.capcase);;All files (*)</source>
        <translation>CapAudit 案卷 (*.capcase);;所有文件 (*)</translation>
    </message>
    <message>
        <source>New case</source>
        <translation>新建案卷</translation>
    </message>
    <message>
        <source>Could not create the case.

%1</source>
        <translation>无法创建案卷。

%1</translation>
    </message>
    <message>
        <source>Ctrl+Alt+%1</source>
        <translation>Ctrl+Alt+%1</translation>
    </message>
    <message>
        <source>Import bundles</source>
        <translation>导入证据包</translation>
    </message>
    <message>
        <source>Open or create a case before importing bundles.</source>
        <translation>请先打开或新建案卷，再导入证据包。</translation>
    </message>
    <message>
        <source>The case file is read-only; nothing can be imported.</source>
        <translation>案卷文件为只读，无法导入。</translation>
    </message>
    <message>
        <source>Import finished: %1</source>
        <translation>导入完成：%1</translation>
    </message>
    <message>
        <source>Import running</source>
        <translation>正在导入</translation>
    </message>
    <message>
        <source>An import is running. Cancel it and quit? The bundle being imported is rolled back.</source>
        <translation>正在导入。是否取消导入并退出？正在导入的证据包将被回滚。</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Capacity planning</source>
        <translation>容量规划</translation>
    </message>
    <message>
        <source>Bid comparison</source>
        <translation>投标比较</translation>
    </message>
    <message>
        <source>Running the compliance checks…</source>
        <translation>正在运行合规检查…</translation>
    </message>
    <message numerus="yes">
        <source>Checks finished: %n finding(s)</source>
        <translation>
            <numerusform>检查完成：%n 个发现项</numerusform>
        </translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>无法运行检查：%1</translation>
    </message>
    <message>
        <source>Bundle %1 is not in the case (rejected on import?).</source>
        <translation>证据包 %1 不在案卷中（导入时被拒绝？）。</translation>
    </message>
    <message>
        <source>Export &amp;report…</source>
        <translation>导出报告(&amp;R)…</translation>
    </message>
    <message>
        <source>Write the compliance report as PDF, after a print preview</source>
        <translation>打印预览后将合规报告写为 PDF</translation>
    </message>
    <message>
        <source>Ctrl+Shift+V</source>
        <translation>Ctrl+Shift+V</translation>
    </message>
    <message>
        <source>&amp;Analysis</source>
        <translation>分析(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Run checks</source>
        <translation>运行检查(&amp;R)</translation>
    </message>
    <message>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <source>Run the compliance checks over the period selected on the timeline</source>
        <translation>对时间线上所选时段运行合规检查</translation>
    </message>
    <message>
        <source>&amp;Cancel checks</source>
        <translation>取消检查(&amp;C)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <source>Export &amp;findings…</source>
        <translation>导出发现项(&amp;F)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+F</source>
        <translation>Ctrl+Shift+F</translation>
    </message>
    <message>
        <source>Save &amp;scenario…</source>
        <translation>保存情景(&amp;S)…</translation>
    </message>
    <message>
        <source>Ctrl+Shift+S</source>
        <translation>Ctrl+Shift+S</translation>
    </message>
    <message>
        <source>Save comparison &amp;weights</source>
        <translation>保存比较权重(&amp;W)</translation>
    </message>
    <message>
        <source>Ctrl+Shift+W</source>
        <translation>Ctrl+Shift+W</translation>
    </message>
    <message>
        <source>&amp;Findings</source>
        <translation>发现项(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Capacity planning</source>
        <translation>容量规划(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Bid comparison</source>
        <translation>投标比较(&amp;B)</translation>
    </message>
    <message>
        <source>Checks cancelled; the findings shown are from the previous run.</source>
        <translation>检查已取消；显示的发现项来自上一次运行。</translation>
    </message>
    <message>
        <source>Demo bank</source>
        <translation>演示银行</translation>
    </message>
    <message>
        <source>The demo bank could not be made.

%1</source>
        <translation>无法生成演示银行。

%1</translation>
    </message>
    <message>
        <source>Nothing to check yet: the case holds no evidence bundles. Import some first.</source>
        <translation>尚无可检查的内容：案卷中没有证据包。请先导入证据包。</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Verify bundles and import them: archives, bundle folders and folders of bundles</source>
        <translation>验证并导入证据包：归档文件、证据包文件夹以及包含证据包的文件夹</translation>
    </message>
</context>
<context>
    <name>capaudit::NewCaseDialog</name>
    <message>
        <source>New case</source>
        <translation>新建案卷</translation>
    </message>
    <message>
        <source>new-case.capcase</source>
        <translation>新案卷.capcase</translation>
    </message>
    <message>
        <source>e.g. Compute bank audit 2026-Q3</source>
        <translation>例如：算力银行审计 2026 年第三季度</translation>
    </message>
    <message>
        <source>Folder with root certificates, pinned keys and anchors.json (optional)</source>
        <translation>包含根证书、固定公钥和 anchors.json 的文件夹（可选）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Case &amp;file:</source>
        <translation>案卷文件(&amp;F)：</translation>
    </message>
    <message>
        <source>CapAudit cases (*.capcase)</source>
        <translation>CapAudit 案卷 (*.capcase)</translation>
    </message>
    <message>
        <source>Case &amp;name:</source>
        <translation>案卷名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Trust store:</source>
        <translation>信任库(&amp;T)：</translation>
    </message>
    <message>
        <source>Trust store folder</source>
        <translation>信任库文件夹</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>创建</translation>
    </message>
</context>
<context>
    <name>capaudit::OverviewDashboard</name>
    <message>
        <source>Cancel checks</source>
        <translation>取消检查</translation>
    </message>
    <message>
        <source>Run checks</source>
        <translation>运行检查</translation>
    </message>
    <message>
        <source>Evidence coverage by day</source>
        <translation>按天的证据覆盖</translation>
    </message>
    <message>
        <source>Most serious findings</source>
        <translation>最严重的发现项</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <source>Running the compliance checks…</source>
        <translation>正在运行合规检查…</translation>
    </message>
    <message>
        <source>Running the compliance checks: %1 % (%2)</source>
        <translation>正在运行合规检查：%1 %（%2）</translation>
    </message>
    <message>
        <source>The checks could not run: %1</source>
        <translation>检查无法运行：%1</translation>
    </message>
    <message>
        <source>Checks cancelled: the verdicts below are from the previous run.</source>
        <translation>检查已取消：下方的结论来自上一次运行。</translation>
    </message>
    <message>
        <source>Checks cancelled: no verdict yet.</source>
        <translation>检查已取消：尚无结论。</translation>
    </message>
    <message>
        <source>Could not read the evidence coverage: %1</source>
        <translation>无法读取证据覆盖：%1</translation>
    </message>
    <message>
        <source>No telemetry in the case yet: import bundles to see their coverage.</source>
        <translation>案卷中尚无遥测：导入证据包以查看其覆盖情况。</translation>
    </message>
    <message>
        <source>One cell per UTC day. Telemetry counts the expected samples; billing and attestation their claimed periods. A dark foot marks a day also claimed by a bundle refused on import.</source>
        <translation>每个单元格为一个 UTC 日。遥测统计预期样本；计费和分配证明统计其声称的期间。深色底部表示这一天也被导入时遭拒绝的证据包所声称。</translation>
    </message>
    <message>
        <source>No case open</source>
        <translation>未打开案卷</translation>
    </message>
    <message>
        <source>read-only</source>
        <translation>只读</translation>
    </message>
    <message>
        <source>Waiting for the compliance checks…</source>
        <translation>正在等待合规检查…</translation>
    </message>
    <message>
        <source>Nothing to assess yet: the case holds no provider&apos;s evidence for this period.</source>
        <translation>尚无可评估的内容：案卷中没有任何提供商在此时段的证据。</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:#b01c1c&quot;&gt;The evidence does not support every claim.&lt;/b&gt; Providers failing the policy “%1” (it fails at %2 and above): %3 of %4.</source>
        <translation>&lt;b style=&quot;color:#b01c1c&quot;&gt;证据并不支持所有声明。&lt;/b&gt;未通过策略“%1”（在 %2 及以上即不通过）的提供商：%4 个中的 %3 个。</translation>
    </message>
    <message>
        <source>&lt;b&gt;No failing finding, but some providers could not be assessed&lt;/b&gt; (no telemetry in the period): %1 of %2.</source>
        <translation>&lt;b&gt;没有未通过的发现项，但部分提供商无法评估&lt;/b&gt;（该时段无遥测）：%2 个中的 %1 个。</translation>
    </message>
    <message>
        <source>&lt;b style=&quot;color:#2e7d32&quot;&gt;The evidence supports every provider&apos;s claims.&lt;/b&gt; No finding reaches the policy&apos;s failing severity (%1).</source>
        <translation>&lt;b style=&quot;color:#2e7d32&quot;&gt;证据支持每个提供商的声明。&lt;/b&gt;没有发现项达到策略的不通过严重程度（%1）。</translation>
    </message>
    <message>
        <source>The findings appear when the checks have run.</source>
        <translation>检查运行后将显示发现项。</translation>
    </message>
    <message>
        <source>Nothing was checked: import bundles (File &gt; Import…, or drop them on the window) to see findings here.</source>
        <translation>尚未检查任何内容：导入证据包（文件 &gt; 导入…，或将其拖放到窗口上）后即可在此查看发现项。</translation>
    </message>
</context>
<context>
    <name>capaudit::PeriodSelector</name>
    <message>
        <source>Whole case</source>
        <translation>整个案卷</translation>
    </message>
    <message>
        <source>%1, %2 and %3 more</source>
        <translation>%1、%2 等另外 %3 家</translation>
    </message>
    <message>
        <source>Contract: %1 (%2)</source>
        <translation>合同：%1（%2）</translation>
    </message>
    <message>
        <source>Billing: %1 (%2)</source>
        <translation>计费：%1（%2）</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>The period every page, the checks and the report cover: the whole case, a contract period or a billing period. Shift+drag on the timeline proposes any other period.</source>
        <translation>所有页面、检查和报告所涵盖的时段：整个案卷、合同期或计费期。在时间线上按住 Shift 拖动可建议任意其他时段。</translation>
    </message>
    <message>
        <source>Start of the period (UTC)</source>
        <translation>时段开始（UTC）</translation>
    </message>
    <message>
        <source>End of the period (UTC, not included)</source>
        <translation>时段结束（UTC，不含）</translation>
    </message>
    <message>
        <source>Use the period in the from/to fields, widened so that it cuts no charge period</source>
        <translation>使用起止字段中的时段，并扩展至不切分任何计费周期</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>已选：%1</translation>
    </message>
    <message>
        <source>Apply to use this period.</source>
        <translation>点击“应用”以使用此时段。</translation>
    </message>
    <message>
        <source>Proposed: %1, widened from the selection %2 so that it cuts no charge period. Apply to use it.</source>
        <translation>建议时段：%1，由所选范围 %2 扩展而来，以免切分计费周期。点击“应用”以使用。</translation>
    </message>
    <message>
        <source>Proposed: %1. Apply to use it.</source>
        <translation>建议时段：%1。点击“应用”以使用。</translation>
    </message>
    <message>
        <source>The end of the period must come after its start.</source>
        <translation>时段的结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <source>Widened from %1 so that it cuts no charge period.</source>
        <translation>已由 %1 扩展，以免切分计费周期。</translation>
    </message>
</context>
<context>
    <name>capaudit::PolicyText</name>
    <message>
        <source>smallest difference reported, in the contract currency</source>
        <translation>报告的最小差额，以合同币种计</translation>
    </message>
    <message>
        <source>difference tolerated, relative to the leg compared with</source>
        <translation>容许的差异，相对于被比较一方的数值</translation>
    </message>
    <message>
        <source>unit-hours tolerated</source>
        <translation>容许的单位小时数</translation>
    </message>
    <message>
        <source>1: untrusted bundles are findings; 0: only rejected ones</source>
        <translation>1：不受信任的证据包计为发现项；0：仅被拒绝的证据包计为发现项</translation>
    </message>
    <message>
        <source>smallest gap reported, in steps</source>
        <translation>报告的最小缺口，以步长计</translation>
    </message>
    <message>
        <source>delivered / committed required</source>
        <translation>要求达到的已交付 / 承诺比例</translation>
    </message>
    <message>
        <source>shortest run reported</source>
        <translation>报告的最短连续区间（小时）</translation>
    </message>
    <message>
        <source>allocated / capacity allowed; 0: the contract&apos;s limit</source>
        <translation>允许的分配 / 容量比例；0：采用合同的限值</translation>
    </message>
    <message>
        <source>availability required; 0: the attested SLA target</source>
        <translation>要求达到的可用性；0：采用已证明的 SLA 目标</translation>
    </message>
    <message>
        <source>maintenance per node and window that still counts as available</source>
        <translation>每个节点在每个窗口内仍计为可用的维护时长</translation>
    </message>
    <message>
        <source>1: capacity-weighted availability decides; 0: node-weighted</source>
        <translation>1：以按容量加权的可用性为准；0：以按节点加权的可用性为准</translation>
    </message>
    <message>
        <source>relative difference tolerated</source>
        <translation>容许的相对差异</translation>
    </message>
    <message>
        <source>difference tolerated per charge period, unit-hours</source>
        <translation>每个计费期间容许的差异，单位小时</translation>
    </message>
    <message>
        <source>smallest amount reported, billing currency</source>
        <translation>报告的最小金额，以计费币种计</translation>
    </message>
    <message>
        <source>relative difference tolerated on an invoice&apos;s total per tenant and class</source>
        <translation>每张发票按租户和资源类别合计时容许的相对差异</translation>
    </message>
    <message>
        <source>difference tolerated on an invoice&apos;s total per tenant and class, unit-hours</source>
        <translation>每张发票按租户和资源类别合计时容许的差异，单位小时</translation>
    </message>
    <message>
        <source>relative difference tolerated on the expected cost</source>
        <translation>相对于预期费用容许的相对差异</translation>
    </message>
    <message>
        <source>currency units</source>
        <translation>货币单位</translation>
    </message>
    <message>
        <source>attestation age allowed at the end of the telemetry</source>
        <translation>遥测结束时分配证明允许的最长签署时长（天）</translation>
    </message>
    <message>
        <source>clock skew tolerated between a sample and the signing time</source>
        <translation>样本与签名时间之间容许的时钟偏差（分钟）</translation>
    </message>
    <message>
        <source>capacity or allocation difference tolerated, relative to the meter&apos;s</source>
        <translation>容许的容量或分配差异，相对于计量方的数值</translation>
    </message>
    <message>
        <source>capacity or allocation difference tolerated, in the class&apos;s unit</source>
        <translation>容许的容量或分配差异，以该资源类别的单位计</translation>
    </message>
</context>
<context>
    <name>capaudit::ProviderCard</name>
    <message>
        <source>Findings</source>
        <translation>发现项</translation>
    </message>
    <message>
        <source>Assurance</source>
        <translation>保证程度</translation>
    </message>
    <message>
        <source>An independent meter&apos;s signed telemetry covers some of the provider&apos;s nodes.</source>
        <translation>独立计量方的签名遥测覆盖了该提供商的部分节点。</translation>
    </message>
    <message>
        <source>Every measurement is signed by the provider itself; nothing checks it independently.</source>
        <translation>每项测量都仅由提供商自身签名；没有任何独立核查。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>What the provider&apos;s telemetry covers within the checked period.</source>
        <translation>提供商遥测在检查时段内覆盖的范围。</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <source>Billing</source>
        <translation>计费</translation>
    </message>
    <message>
        <source>Billed unit-hours on the reconciled invoice lines against the unit-hours the telemetry measured for the same charge periods; the amount at stake is what the findings say was over-billed.</source>
        <translation>已核对发票行上的计费单位小时，对比遥测在相同计费期间测得的单位小时；涉及金额为发现项所指出的多收费用。</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#202020&quot;&gt;━&lt;/span&gt; delivered &amp;nbsp; &lt;span style=&quot;color:#c03030&quot;&gt;╌&lt;/span&gt; committed</source>
        <translation>&lt;span style=&quot;color:#202020&quot;&gt;━&lt;/span&gt; 已交付 &amp;nbsp; &lt;span style=&quot;color:#c03030&quot;&gt;╌&lt;/span&gt; 已承诺</translation>
    </message>
    <message>
        <source>No capacity series in the period.</source>
        <translation>该时段内没有容量序列。</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Click a count to list those findings.</source>
        <translation>点击数量以列出这些发现项。</translation>
    </message>
    <message>
        <source>no node state in the telemetry</source>
        <translation>遥测中没有节点状态</translation>
    </message>
    <message>
        <source>%1 (no SLA target attested)</source>
        <translation>%1（未证明 SLA 目标）</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1; font-weight:bold&quot;&gt;%2&lt;/span&gt; against an SLA of %3</source>
        <translation>&lt;span style=&quot;color:%1; font-weight:bold&quot;&gt;%2&lt;/span&gt;，SLA 为 %3</translation>
    </message>
    <message>
        <source>no invoices in the period</source>
        <translation>该时段内没有发票</translation>
    </message>
    <message>
        <source>billed %1 · measured %2</source>
        <translation>计费 %1 · 测得 %2</translation>
    </message>
    <message>
        <source>unit-h</source>
        <translation>单位小时</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:#b01c1c; font-weight:bold&quot;&gt;%1 at stake&lt;/span&gt;</source>
        <translation>&lt;span style=&quot;color:#b01c1c; font-weight:bold&quot;&gt;涉及金额 %1&lt;/span&gt;</translation>
    </message>
    <message>
        <source>nothing at stake</source>
        <translation>不涉及金额</translation>
    </message>
    <message>
        <source>idle committed capacity %1</source>
        <translation>闲置承诺容量 %1</translation>
    </message>
</context>
<context>
    <name>capaudit::ProviderOverviewModel</name>
    <message>
        <source>Compliant</source>
        <translation>合规</translation>
    </message>
    <message>
        <source>Compliant, with findings below %1</source>
        <translation>合规，但有低于 %1 的发现项</translation>
    </message>
    <message>
        <source>Not compliant — %1 finding (fails at %2)</source>
        <translation>不合规 — %1 发现项（在 %2 即不通过）</translation>
    </message>
    <message>
        <source>Not assessed: no telemetry in the period</source>
        <translation>未评估：该时段无遥测</translation>
    </message>
    <message>
        <source>Independently metered</source>
        <translation>有独立计量</translation>
    </message>
    <message>
        <source>Provider-signed only</source>
        <translation>仅由提供商签名</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>no invoices</source>
        <translation>无发票</translation>
    </message>
    <message>
        <source>unit-h</source>
        <translation>单位小时</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Assurance</source>
        <translation>保证程度</translation>
    </message>
    <message>
        <source>Telemetry covers</source>
        <translation>遥测覆盖</translation>
    </message>
    <message>
        <source>Availability</source>
        <translation>可用性</translation>
    </message>
    <message>
        <source>SLA target</source>
        <translation>SLA 目标</translation>
    </message>
    <message>
        <source>Billed</source>
        <translation>已计费</translation>
    </message>
    <message>
        <source>Measured</source>
        <translation>测得</translation>
    </message>
    <message>
        <source>Amount at stake</source>
        <translation>涉及金额</translation>
    </message>
</context>
<context>
    <name>capaudit::RecentCasesModel</name>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>文件缺失</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>尚未检查</translation>
    </message>
    <message>
        <source>Case</source>
        <translation>案卷</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Providers</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Last verdict</source>
        <translation>上次结论</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
</context>
<context>
    <name>capaudit::ReportExportDialog</name>
    <message>
        <source>&amp;Whole case</source>
        <translation>整个案卷(&amp;W)</translation>
    </message>
    <message>
        <source>PDF/&amp;A-1b (archival)</source>
        <translation>PDF/&amp;A-1b（归档）</translation>
    </message>
    <message>
        <source>Show a print &amp;preview before saving</source>
        <translation>保存前显示打印预览(&amp;P)</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>US Letter</source>
        <translation>美国信纸 (Letter)</translation>
    </message>
    <message>
        <source>English</source>
        <translation>English（英文）</translation>
    </message>
    <message>
        <source>optional: PEM private key for a detached signature</source>
        <translation>可选：用于分离式签名的 PEM 私钥</translation>
    </message>
    <message>
        <source>B&amp;rowse…</source>
        <translation>浏览(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Output:</source>
        <translation>输出(&amp;O)：</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <source>Providers / sections:</source>
        <translation>提供商 / 章节：</translation>
    </message>
    <message>
        <source>&amp;Reviewer:</source>
        <translation>审核人(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Engagement:</source>
        <translation>审计项目(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Paper:</source>
        <translation>纸张(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Signing key:</source>
        <translation>签名密钥(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <source>Choose where to save the report.</source>
        <translation>请选择报告的保存位置。</translation>
    </message>
    <message>
        <source>Choose a period, or the whole case.</source>
        <translation>请选择时段，或选择整个案卷。</translation>
    </message>
    <message>
        <source>The period ends before it starts.</source>
        <translation>时段的结束时间早于开始时间。</translation>
    </message>
    <message>
        <source>Choose at least one provider.</source>
        <translation>请至少选择一个提供商。</translation>
    </message>
    <message>
        <source>The signing key %1 does not exist.</source>
        <translation>签名密钥 %1 不存在。</translation>
    </message>
    <message>
        <source>Save report as</source>
        <translation>报告另存为</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Signing key</source>
        <translation>签名密钥</translation>
    </message>
    <message>
        <source>PEM keys (*.pem *.key);;All files (*)</source>
        <translation>PEM 密钥 (*.pem *.key);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>capaudit::ReportExportFlow</name>
    <message>
        <source>No translation for &apos;%1&apos;; the report is in English.</source>
        <translation>没有“%1”的翻译；报告使用英文。</translation>
    </message>
    <message>
        <source>Preparing the preview</source>
        <translation>正在准备预览</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <source>Writing %1</source>
        <translation>正在写入 %1</translation>
    </message>
    <message>
        <source>The report could not be prepared.

%1</source>
        <translation>无法准备报告。

%1</translation>
    </message>
    <message>
        <source>The report could not be written.

%1</source>
        <translation>无法写入报告。

%1</translation>
    </message>
    <message numerus="yes">
        <source>The report was written to %1 (%n page(s)).</source>
        <translation>
            <numerusform>报告已写入 %1（共 %n 页）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Manifest SHA-256: %1</source>
        <translation>清单 SHA-256：%1</translation>
    </message>
    <message>
        <source>PDF SHA-256: %1</source>
        <translation>PDF SHA-256：%1</translation>
    </message>
    <message>
        <source>Signature: %1</source>
        <translation>签名：%1</translation>
    </message>
</context>
<context>
    <name>capaudit::ReportPreviewDialog</name>
    <message>
        <source>Report preview — %1</source>
        <translation>报告预览 — %1</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>适合宽度</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>整页</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>上一页</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>下一页</translation>
    </message>
    <message>
        <source>&amp;Save PDF</source>
        <translation>保存 PDF(&amp;S)</translation>
    </message>
    <message>
        <source>Manifest SHA-256: &lt;code&gt;%1&lt;/code&gt;</source>
        <translation>清单 SHA-256：&lt;code&gt;%1&lt;/code&gt;</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 页，共 %2 页</translation>
    </message>
</context>
<context>
    <name>capaudit::RuleCatalog</name>
    <message>
        <source>Invoice arithmetic (EN 16931)</source>
        <translation>发票算术校验（EN 16931）</translation>
    </message>
    <message>
        <source>Every EN 16931 invoice and credit note is re-added: the line net amounts against quantity x net price / base quantity + line charges - line allowances (within 0.02), the sum of lines (BR-CO-10), document allowances and charges (BR-CO-11, 12), the total without VAT (BR-CO-13), the VAT total against its breakdown (BR-CO-14) and each category&apos;s VAT against taxable amount x rate (BR-CO-17), the total with VAT (BR-CO-15), the amount due (BR-CO-16) and non-negative net prices (BR-27), each compared to the cent after rounding as the CEN schematron does. One finding per invoice and breached rule.</source>
        <translation>每张 EN 16931 发票和贷项通知单都会重新加总：发票行净额对比 数量 x 净价 / 基准数量 + 行附加费 - 行折让（容差 0.02）、各行之和（BR-CO-10）、单据级折让与附加费（BR-CO-11、12）、不含增值税总额（BR-CO-13）、增值税总额对比其明细（BR-CO-14）、各类别增值税对比 应税金额 x 税率（BR-CO-17）、含增值税总额（BR-CO-15）、应付金额（BR-CO-16）以及非负净价（BR-27），均按 CEN schematron 的方式舍入后精确到分进行比较。每张发票、每条被违反的规则各产生一个发现项。</translation>
    </message>
    <message>
        <source>Invoice currency or period mismatch</source>
        <translation>发票币种或期间不符</translation>
    </message>
    <message>
        <source>An invoice in another currency than the contract in force at its period&apos;s start, with amounts in another currency than its own, or claiming for time outside the contract period or outside its own invoice period (a line period beyond the header&apos;s): one finding per invoice and kind of mismatch with the amount concerned.</source>
        <translation>发票使用的币种与其期间开始时有效合同的币种不同、其中金额使用了与发票自身不同的币种，或者就合同期间之外或发票自身期间之外的时间收费（发票行期间超出表头期间）：每张发票、每种不符情形各产生一个发现项，并给出所涉金额。</translation>
    </message>
    <message>
        <source>Invoiced but not billed in FOCUS</source>
        <translation>已开票但未在 FOCUS 中计费</translation>
    </message>
    <message>
        <source>Per provider, invoice period and resource class: the invoice lines&apos; net amount (credit notes subtracted, lines invoiced twice counted once) against the FOCUS Usage rows&apos; BilledCost over the same period. Claimed above billed by more than relativeTolerance x billed and minAmount is a finding with the difference.</source>
        <translation>按提供商、发票期间和资源类别：发票行净额（扣除贷项通知单，重复开票的行只计一次）对比同一期间 FOCUS 用量行的 BilledCost。开票金额超出计费金额且差额同时大于 relativeTolerance x 计费金额和 minAmount 时，记为发现项并给出差额。</translation>
    </message>
    <message>
        <source>Invoiced but not delivered</source>
        <translation>已开票但未交付</translation>
    </message>
    <message>
        <source>Per provider, invoice period and resource class: the invoiced quantity (unit-hours, credit notes subtracted, lines invoiced twice counted once) against the provider-metered allocation to tenants over exactly that period. Invoiced above allocated by more than absoluteTolerance unit-hours and relativeTolerance x allocated is a finding; the amount prices the excess at the contracted unit price and is reported when at least minAmount.</source>
        <translation>按提供商、发票期间和资源类别：开票数量（单位小时，扣除贷项通知单，重复开票的行只计一次）对比该期间内由提供商计量的、分配给租户的资源量。开票数量超出分配量且超出部分同时大于 absoluteTolerance 单位小时和 relativeTolerance x 分配量时，记为发现项；金额按合同单价为超出部分定价，不低于 minAmount 时报告。</translation>
    </message>
    <message>
        <source>Delivered below commitment, invoiced in full</source>
        <translation>交付低于承诺容量却全额开票</translation>
    </message>
    <message>
        <source>Per provider, invoice period and committed resource class: delivered capacity (attested nodes reported up, unit-hours) below the committed unit-hours by more than relativeTolerance while the invoice claims at least the committed charge (committed x contracted price, less the same tolerance). The amount is the committed charge&apos;s share that was not delivered.</source>
        <translation>按提供商、发票期间和有承诺容量的资源类别：已交付容量（报告为运行中的已证明节点，单位小时）比承诺的单位小时数低出 relativeTolerance 以上，而发票仍至少收取承诺费用（承诺量 x 合同价格，减去同一容差）。金额为承诺费用中未交付的部分。</translation>
    </message>
    <message>
        <source>SLA credit not given</source>
        <translation>未给予 SLA 赔偿</translation>
    </message>
    <message>
        <source>Per provider and invoice period: for every SLA measurement window in which sla.availability finds the provider below its target, the credit owed is the attested creditPercent of the invoiced line amounts for time inside that window. Credit given is every document-level allowance of the period&apos;s invoices and every credit note for the period. Owed above given by more than relativeTolerance x owed and minAmount is a finding with the missing credit.</source>
        <translation>按提供商和发票期间：对于 sla.availability 判定提供商低于其目标的每个 SLA 计量窗口，应给予的赔偿为该窗口内时间对应的发票行金额乘以已证明的 creditPercent。已给予的赔偿为该期间各发票的全部单据级折让以及该期间的全部贷项通知单。应赔偿额超出已赔偿额且差额同时大于 relativeTolerance x 应赔偿额和 minAmount 时，记为发现项并给出缺少的赔偿。</translation>
    </message>
    <message>
        <source>Usage invoiced twice</source>
        <translation>用量重复开票</translation>
    </message>
    <message>
        <source>Invoice lines of one provider, resource class and tenant over all invoices, in order of their period&apos;s start (then signing time, bundle digest, line): the part of a line&apos;s period that an earlier line already claims is invoiced twice. Amount = line amount x overlapped seconds / the line&apos;s seconds; one finding per provider, class and tenant spanning the overlap when at least minAmount. Credit notes are not claims.</source>
        <translation>同一提供商、资源类别和租户在所有发票中的发票行，按其期间开始时间排序（其次为签名时间、证据包摘要、行号）：某行期间中已被更早一行申报的部分即为重复开票。金额 = 行金额 x 重叠秒数 / 该行秒数；每个提供商、资源类别和租户产生一个覆盖重叠范围的发现项，金额不低于 minAmount 时报告。贷项通知单不算申报。</translation>
    </message>
    <message>
        <source>Evidence integrity</source>
        <translation>证据完整性</translation>
    </message>
    <message>
        <source>Every import attempt recorded in the audit trail is examined: a bundle the verifier rejected (bad signature, digest mismatch, expired or revoked signer) is a finding at the rule&apos;s severity; a bundle imported as untrusted (signer outside the trust store) is a finding one level lower when untrustedIsFinding is 1.</source>
        <translation>审计轨迹中记录的每次导入尝试都会被检查：验证器拒绝的证据包（签名无效、摘要不符、签名者已过期或已吊销）按该规则的严重程度记为发现项；以不受信任状态导入的证据包（签名者不在信任库中）在 untrustedIsFinding 为 1 时记为低一级的发现项。</translation>
    </message>
    <message>
        <source>Evidence assurance level</source>
        <translation>证据保证等级</translation>
    </message>
    <message>
        <source>A provider whose telemetry is signed only by the provider itself is measured by the party that bills: reported once per provider when no independent meter&apos;s verified telemetry covers any of its nodes, and once when the meter covers only some of the node classes the provider reports (naming the rest).</source>
        <translation>遥测仅由提供商自身签名时，计量者正是计费方：若没有任何独立计量方的已验证遥测覆盖其任何节点，则每个提供商报告一次；若计量方只覆盖了提供商所报告节点类别中的一部分，则再报告一次（列出其余类别）。</translation>
    </message>
    <message>
        <source>Transparency-log consistency</source>
        <translation>透明日志一致性</translation>
    </message>
    <message>
        <source>Every transparency-log checkpoint a verified bundle carried is kept per log origin, with the RFC 9162 consistency proofs bundles carried. The distinct checkpoints of a log are ordered by tree size and root (never by import order): two different roots at one size are a split view; each checkpoint and the next larger one must be linked by verified consistency proofs (directly, or both reaching a common later checkpoint), else the log grew without proof. Each break is one finding naming both checkpoints (origin, size, root) and the bundles that carried them.</source>
        <translation>已验证证据包携带的每个透明日志检查点都按日志来源保存，连同证据包携带的 RFC 9162 一致性证明。一个日志的各个不同检查点按树大小和根排序（从不按导入顺序）：同一大小下出现两个不同的根即为分裂视图；每个检查点与下一个更大的检查点必须由已验证的一致性证明相连（直接相连，或两者都能到达一个共同的更晚检查点），否则该日志在没有证明的情况下增长。每处断裂产生一个发现项，列出两个检查点（来源、大小、根）以及携带它们的证据包。</translation>
    </message>
    <message>
        <source>Telemetry coverage</source>
        <translation>遥测覆盖</translation>
    </message>
    <message>
        <source>Per node of the provider&apos;s own telemetry, the sample times are merged across bundles and payloads; every interval between two consecutive samples longer than the bundle&apos;s measurement interval is a gap of (interval / step - 1) missing steps. Gaps of at least minMissingSteps are reported with the samples on either side as evidence.</source>
        <translation>对提供商自身遥测中的每个节点，合并各证据包和各载荷中的样本时间；两个相邻样本之间的间隔若长于该证据包的计量间隔，即为缺少（间隔 / 步长 - 1）个步长的缺口。缺失步长不少于 minMissingSteps 的缺口会被报告，并以缺口两侧的样本作为证据。</translation>
    </message>
    <message>
        <source>Committed capacity delivered</source>
        <translation>承诺容量的交付</translation>
    </message>
    <message>
        <source>Per provider, resource class, region and telemetry step: delivered capacity is the sum of the reported capacity of nodes attested in that region that are up. Steps where it falls below minDeliveredRatio x the commitment in force are joined into runs; runs of at least minDurationHours are reported with the lowest delivered value.</source>
        <translation>按提供商、资源类别、区域和遥测步长：已交付容量为该区域内处于运行状态的已证明节点所报告容量之和。已交付容量低于 minDeliveredRatio x 当时有效承诺容量的步长合并为连续区间；持续至少 minDurationHours 的区间会被报告，并给出最低的已交付值。</translation>
    </message>
    <message>
        <source>Over-commitment</source>
        <translation>超额承诺</translation>
    </message>
    <message>
        <source>Per node, resource class and step: the sum of the tenants&apos; allocations divided by the node&apos;s reported capacity, compared with the contract&apos;s over-commitment limit for that class and region (or limitOverride when non-zero). Consecutive steps above the limit form one finding with the peak ratio.</source>
        <translation>按节点、资源类别和步长：各租户分配之和除以节点报告的容量，与合同针对该资源类别和区域规定的超额承诺限值（或非零时的 limitOverride）比较。连续超出限值的步长合并为一个发现项，并给出峰值比例。</translation>
    </message>
    <message>
        <source>SLA availability</source>
        <translation>SLA 可用性</translation>
    </message>
    <message>
        <source>Every step of every attested node over the contract period (within the checked period, up to the end of the provider&apos;s evidence: the latest declared period end or sample of any of its bundles) is accounted for on the telemetry&apos;s effective step: a step is available only when reported up with a capacity above 0; missing, unknown or empty, down, capacity 0 and maintenance beyond maintenanceAllowanceHours per node and window count as unavailable. Availability is judged per SLA measurement window from the contract start: node-weighted (available / expected steps over all nodes) and capacity-weighted (per class, weighted by attested capacity; the lowest class counts). capacityWeighted chooses which one decides. Below the attested target (or targetOverride): one finding per provider and window at the rule&apos;s severity and one per node and window one level lower.</source>
        <translation>合同期间内（限于检查时段，并截至提供商证据的结束：其任一证据包中最晚的声明期间结束时间或样本）每个已证明节点的每个步长，都按遥测的有效步长逐一计入：只有报告为运行中且容量大于 0 的步长才算可用；缺失、未知或为空、停机、容量为 0，以及每个节点每个窗口内超出 maintenanceAllowanceHours 的维护，均计为不可用。可用性从合同开始起按每个 SLA 计量窗口判定：按节点加权（所有节点的可用步长 / 预期步长）和按容量加权（按资源类别、以已证明容量加权；以最低的类别为准）。capacityWeighted 决定以哪一种为准。低于已证明目标（或 targetOverride）时：每个提供商和窗口按该规则的严重程度产生一个发现项，每个节点和窗口产生一个低一级的发现项。</translation>
    </message>
    <message>
        <source>Billing reconciliation</source>
        <translation>计费核对</translation>
    </message>
    <message>
        <source>FOCUS Usage rows are summed per provider, tenant, resource class and charge period (over all invoices; overlapping periods together, over their union) and compared with the provider-metered allocation over exactly the seconds of that period: allocated x the step the samples bear out / 3600 unit-hours from the hourly rollups, an hour cut by the period counted pro rata (allocation assumed uniform within the hour). A period differs when |billed - measured| exceeds both absoluteTolerance unit-hours and relativeTolerance x measured; consecutive differing periods form one finding. What the periods that pass leave over is summed per invoice, tenant and class and judged against invoiceAbsoluteTolerance and invoiceRelativeTolerance, so a steady small over-billing accumulates into a finding; what that leaves is judged the same way over all invoices of the checked period (daily invoices reset nothing). Amounts price the difference at the attested unit price (the billed one when none is attested) and are reported when at least minAmount. A charge period cut by --period is pro-rated on both sides alike: billed x the share of its measured allocation inside the period (its share of seconds when nothing was measured) against the measured allocation inside.</source>
        <translation>FOCUS 用量行按提供商、租户、资源类别和计费期间求和（跨所有发票；重叠的期间合并处理，按其并集计算），并与该期间恰好这些秒数内由提供商计量的分配进行比较：依据小时汇总数据，按 分配量 x 样本所体现的步长 / 3600 计算单位小时，被期间切分的小时按比例计入（假定分配在该小时内均匀）。当 |计费 - 实测| 同时超过 absoluteTolerance 单位小时和 relativeTolerance x 实测值时，该期间视为有差异；连续有差异的期间合并为一个发现项。通过检查的期间所余下的差异按发票、租户和资源类别求和，并依据 invoiceAbsoluteTolerance 和 invoiceRelativeTolerance 判定，因此持续的小幅多收费会累积成发现项；此后余下的差异再以同样方式在检查时段的全部发票上判定（按日开具的发票不会使累计归零）。金额按已证明的单价为差异定价（无已证明单价时采用计费单价），不低于 minAmount 时报告。被 --period 切分的计费期间在两侧同样按比例计算：计费量 x 其实测分配落在时段内的比例（没有任何实测时按秒数比例），对比时段内的实测分配。</translation>
    </message>
    <message>
        <source>Unreconciled charges</source>
        <translation>未核对的费用</translation>
    </message>
    <message>
        <source>Every FOCUS row is either reconciled with measured delivery or listed here: rows of category Adjustment, Purchase, Tax or Credit, rows of class Correction, Usage rows without tenant, resource class or ConsumedQuantity, Usage of a class without an attested price, and quarantined rows. One finding per provider, invoice and reason with the summed BilledCost, when its magnitude is at least minAmount; a net credit (negative amount, in the buyer&apos;s favour) is reported two levels lower.</source>
        <translation>每个 FOCUS 行要么与实测交付核对，要么列在此处：类别为 Adjustment、Purchase、Tax 或 Credit 的行，类型为 Correction 的行，缺少租户、资源类别或 ConsumedQuantity 的用量行，资源类别没有已证明价格的用量，以及已隔离的行。每个提供商、发票和原因产生一个发现项，给出 BilledCost 之和，其绝对值不低于 minAmount 时报告；净贷记（负金额，对买方有利）按低两级报告。</translation>
    </message>
    <message>
        <source>Billed cost against the contract price</source>
        <translation>计费金额与合同价格对比</translation>
    </message>
    <message>
        <source>Per FOCUS Usage row: BilledCost against ConsumedQuantity x the unit price of the attestation in force at the start of the charge period. The differences are summed per provider, invoice, tenant and class; a sum above both minAmount and relativeTolerance x the expected cost is a finding (negative: under-billed, two levels lower).</source>
        <translation>逐个 FOCUS 用量行：BilledCost 对比 ConsumedQuantity x 计费期间开始时有效分配证明中的单价。差额按提供商、发票、租户和资源类别求和；总和同时高于 minAmount 和 relativeTolerance x 预期费用时记为发现项（为负即少收费，低两级）。</translation>
    </message>
    <message>
        <source>Billing currency</source>
        <translation>计费币种</translation>
    </message>
    <message>
        <source>Every FOCUS row&apos;s BillingCurrency must be the currency of the attestation in force at the start of its charge period; rows in another currency cannot be reconciled in money and are reported per provider, invoice and currency with their summed BilledCost.</source>
        <translation>每个 FOCUS 行的 BillingCurrency 必须是其计费期间开始时有效分配证明的币种；以其他币种计费的行无法按金额核对，按提供商、发票和币种报告，并给出其 BilledCost 之和。</translation>
    </message>
    <message>
        <source>Billed tenants</source>
        <translation>被计费的租户</translation>
    </message>
    <message>
        <source>Every tenant a FOCUS row charges must be in the tenant list of the attestation in force at the start of its charge period (when the attestation lists tenants); rows for other tenants are reported per provider, invoice and tenant with their summed BilledCost.</source>
        <translation>FOCUS 行所计费的每个租户都必须在其计费期间开始时有效分配证明的租户列表中（当分配证明列出租户时）；向其他租户计费的行按提供商、发票和租户报告，并给出其 BilledCost 之和。</translation>
    </message>
    <message>
        <source>Overlapping charge periods</source>
        <translation>重叠的计费期间</translation>
    </message>
    <message>
        <source>Usage rows for the same provider, tenant, resource class and ResourceId (over all invoices) are compared in time: the part of a row&apos;s charge period an earlier row already covers is billed twice (rows without ResourceId: only when the periods differ). The overlapped share of its BilledCost (overlapped seconds / its seconds) is the amount; one finding per provider, tenant and class when at least minAmount. Overlaps across resources show in billing.reconciliation, which judges overlapping periods together.</source>
        <translation>同一提供商、租户、资源类别和 ResourceId 的用量行（跨所有发票）按时间比较：某行计费期间中已被更早一行覆盖的部分即为重复计费（没有 ResourceId 的行：仅当期间不同时）。其 BilledCost 中重叠部分的份额（重叠秒数 / 该行秒数）即为金额；每个提供商、租户和资源类别产生一个发现项，金额不低于 minAmount 时报告。跨资源的重叠体现在 billing.reconciliation 中，该规则将重叠的期间合并判定。</translation>
    </message>
    <message>
        <source>Billing internal consistency</source>
        <translation>计费内部一致性</translation>
    </message>
    <message>
        <source>Each FOCUS row must agree with itself and the contract: PricingQuantity x ContractedUnitPrice = ContractedCost, ContractedUnitPrice = the attested unit price, and BilledCost not above ListCost; differences above costTolerance (currency units) are reported per invoice with the rows involved.</source>
        <translation>每个 FOCUS 行必须与自身及合同一致：PricingQuantity x ContractedUnitPrice = ContractedCost，ContractedUnitPrice = 已证明的单价，且 BilledCost 不高于 ListCost；超过 costTolerance（货币单位）的差异按发票报告，并列出涉及的行。</translation>
    </message>
    <message>
        <source>Billing data quality</source>
        <translation>计费数据质量</translation>
    </message>
    <message>
        <source>FOCUS rows that break a rule of the declared FOCUS version (a null mandatory value, a malformed decimal or date, a value outside the allowed set, a sign the version forbids) are stored flagged and kept out of reconciliation and the consistency checks; one finding per billing payload and violated rule gives the row count and line range. Tolerated deviations (a null ContractedCost, a negative unit price on a credit, a non-x_ custom column) are reported one level lower. With the policy&apos;s billing.nonConformantRows set to reject, an invoice with any quarantined row is kept out as a whole and its findings rise one level.</source>
        <translation>违反所声明 FOCUS 版本规则的 FOCUS 行（必填值为空、小数或日期格式错误、取值不在允许集合内、出现该版本禁止的符号）会被标记存储，并排除在核对和一致性检查之外；每个计费载荷和每条被违反的规则产生一个发现项，给出行数和行范围。可容忍的偏差（ContractedCost 为空、贷记行上的负单价、不以 x_ 开头的自定义列）按低一级报告。若策略的 billing.nonConformantRows 设为 reject，含有任何已隔离行的发票将整体排除，其发现项提高一级。</translation>
    </message>
    <message>
        <source>Attestation coverage</source>
        <translation>分配证明覆盖</translation>
    </message>
    <message>
        <source>Every node seen in a provider&apos;s telemetry must be in the attested inventory of the attestation version in force at each time it is seen; a node that is not is reported with the first and last such time. The attestation in force at the end of the telemetry must also be fresh: signed no more than maxAttestationAgeDays before the telemetry ends, and the provider must have one at all.</source>
        <translation>提供商遥测中出现的每个节点，在其出现的每个时刻都必须位于当时有效的分配证明版本的已证明资源清单中；不在其中的节点会被报告，并给出首次和最后一次出现的时间。遥测结束时有效的分配证明还必须足够新：签署时间不早于遥测结束前 maxAttestationAgeDays 天，并且提供商必须有分配证明。</translation>
    </message>
    <message>
        <source>Attestation versions</source>
        <translation>分配证明版本</translation>
    </message>
    <message>
        <source>Every version of a provider&apos;s attestation is kept, keyed by its contract period and the signing time the verifier established from its signature (never a time the statement gives itself, never import order). Each time is governed by the latest version signed by then whose period contains it. A version signed after the whole period it governs is a finding (one level lower when it restates no earlier version); a version that restates an earlier overlapping one with weaker or moved terms (lower SLA target, lower or dropped commitment, higher over-commitment limit, changed allowed jurisdictions, contract id, currency, prices or node capacities, a node moved to another region or jurisdiction or no longer listed, a shortened period) is a finding naming both bundles and every change.</source>
        <translation>提供商分配证明的每个版本都会保留，以其合同期间和验证器从签名中确认的签名时间为键（从不采用声明自述的时间，也从不按导入顺序）。每个时刻由截至该时刻已签署、且期间包含该时刻的最新版本管辖。在其管辖的整个期间结束之后才签署的版本记为发现项（若未重述任何更早版本则低一级）；重述某个更早的重叠版本、但条款更弱或有所变动的版本（SLA 目标降低、承诺容量降低或取消、超额承诺限值提高、允许的司法管辖区、合同编号、币种、价格或节点容量发生变化、节点被移到其他区域或司法管辖区或不再列出、期间缩短）记为发现项，列出两个证据包及每一处变更。</translation>
    </message>
    <message>
        <source>Data sovereignty</source>
        <translation>数据主权</translation>
    </message>
    <message>
        <source>Every attested node&apos;s jurisdiction, in every attestation version covering the period, must be in the allowed list of every version in force over the same time; a node outside it that holds tenant allocations is reported at the rule&apos;s severity, one without allocations one level lower. A later version that moves the node does not erase it.</source>
        <translation>在覆盖该时段的每个分配证明版本中，每个已证明节点的司法管辖区都必须在同一时间内所有有效版本的允许列表中；持有租户分配、却位于允许范围之外的节点按该规则的严重程度报告，没有分配的则低一级。之后将该节点迁移的版本不会抹去此发现项。</translation>
    </message>
    <message>
        <source>Time sanity</source>
        <translation>时间合理性</translation>
    </message>
    <message>
        <source>Samples outside their bundle&apos;s declared period or the attested contract period, and samples time-stamped after their bundle was signed (more than futureToleranceMinutes).</source>
        <translation>落在其证据包声明期间或已证明合同期间之外的样本，以及时间戳晚于其证据包签名时间（超过 futureToleranceMinutes）的样本。</translation>
    </message>
    <message>
        <source>Independent meter agreement</source>
        <translation>与独立计量方的一致性</translation>
    </message>
    <message>
        <source>At every scrape of a verified independent meter, for each node and class the meter covers: the provider reporting the node up while the meter did not reach it (no row at a time the meter reported other nodes of the class) or saw it down or in maintenance, or the provider reporting more capacity, or more tenant allocation on the node, than the meter saw (beyond both tolerances). Consecutive disagreeing scrapes form one finding naming both bundles, with the unit-hours the provider claimed beyond the meter; runs shorter than minDurationHours are ignored.</source>
        <translation>在已验证独立计量方的每次采集时刻，对计量方覆盖的每个节点和资源类别：提供商报告节点运行中，而计量方未能访问该节点（在计量方报告了同类别其他节点的时刻没有该节点的行）或观测到其停机或处于维护状态；或者提供商报告的容量、或节点上的租户分配多于计量方所观测到的（超出两项容差）。连续不一致的采集合并为一个发现项，列出两个证据包，并给出提供商超出计量方申报的单位小时数；短于 minDurationHours 的连续区间忽略不计。</translation>
    </message>
    <message>
        <source>Telemetry step</source>
        <translation>遥测步长</translation>
    </message>
    <message>
        <source>Per provider telemetry bundle, the effective step is the most frequent interval between consecutive node rows of one payload, node and class (from the node-hour aggregates). Every rule integrates over it, never over the declared resolutionSeconds; a bundle whose declared resolution differs is a finding with both values.</source>
        <translation>对每个提供商遥测证据包，有效步长是同一载荷、节点和资源类别中相邻节点行之间最常见的间隔（依据节点小时汇总数据）。所有规则都按有效步长积分，从不按声明的 resolutionSeconds；声明分辨率与之不同的证据包记为发现项，并给出两个值。</translation>
    </message>
    <message>
        <source>Double-counted telemetry</source>
        <translation>重复计算的遥测</translation>
    </message>
    <message>
        <source>A (time, node, class, tenant) key with an allocation reported twice, within one payload or across payloads and bundles, is double counting: one finding per pair of sources, node and class with the rows on both sides and the quantity counted twice (allocated x step / 3600). Only where node-hour aggregates show a repeated tenant or two sources of the same node and class in the same hours are raw samples read. Node rows of one node reported for the same steps by two bundles are double counting too (one finding per pair of bundles).</source>
        <translation>一个（时间、节点、资源类别、租户）键的分配被报告两次，无论是在同一载荷内，还是跨载荷和证据包，即为重复计算：每对来源、每个节点和资源类别产生一个发现项，列出两侧的行以及被重复计算的量（分配量 x 步长 / 3600）。只有当节点小时汇总数据显示租户重复，或同一节点和资源类别在同一小时内有两个来源时，才读取原始样本。同一节点在相同步长上被两个证据包报告的节点行同样属于重复计算（每对证据包一个发现项）。</translation>
    </message>
    <message>
        <source>Capacity above attested</source>
        <translation>容量高于已证明值</translation>
    </message>
    <message>
        <source>A node&apos;s reported capacity above its attested capacity for the class (attested inventory in force at that time) is capped at the attested capacity for delivered capacity, availability and over-commitment; each run of such steps is a finding with the highest reported and the attested capacity.</source>
        <translation>节点报告的容量高于其该资源类别的已证明容量（以当时有效的已证明资源清单为准）时，在计算已交付容量、可用性和超额承诺时按已证明容量封顶；每段此类连续步长记为一个发现项，给出报告的最高容量和已证明容量。</translation>
    </message>
</context>
<context>
    <name>capaudit::ScenarioForm</name>
    <message>
        <source>What if…</source>
        <translation>假设分析…</translation>
    </message>
    <message>
        <source>Scenario name</source>
        <translation>情景名称</translation>
    </message>
    <message>
        <source> %</source>
        <translation>%</translation>
    </message>
    <message>
        <source>Extra demand growth reached at the end of the horizon, rising linearly from today</source>
        <translation>预测期末达到的额外需求增长，自今日起线性上升</translation>
    </message>
    <message>
        <source>Units of capacity added (positive) or removed (negative)</source>
        <translation>增加（正数）或减少（负数）的容量单位</translation>
    </message>
    <message>
        <source>New tenant</source>
        <translation>新租户</translation>
    </message>
    <message>
        <source>Units the new tenant is expected to use</source>
        <translation>新租户预计使用的单位数</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名称：</translation>
    </message>
    <message>
        <source>Demand growth:</source>
        <translation>需求增长：</translation>
    </message>
    <message>
        <source>Capacity change:</source>
        <translation>容量变化：</translation>
    </message>
    <message>
        <source>  from:</source>
        <translation>  起始：</translation>
    </message>
    <message>
        <source>Onboarding tenant:</source>
        <translation>新增租户：</translation>
    </message>
    <message>
        <source>  quantity:</source>
        <translation>  数量：</translation>
    </message>
    <message>
        <source>new tenant</source>
        <translation>新租户</translation>
    </message>
</context>
<context>
    <name>capaudit::SeriousFindingsList</name>
    <message>
        <source>The checks found nothing to report.</source>
        <translation>检查未发现需要报告的内容。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 at stake&lt;/b&gt;</source>
        <translation>&lt;b&gt;涉及金额 %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;finding:%1&quot;&gt;Open finding&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;finding:%1&quot;&gt;打开发现项&lt;/a&gt;</translation>
    </message>
    <message>
        <source>&lt;a href=&quot;timeline:%1&quot;&gt;Show on timeline&lt;/a&gt;</source>
        <translation>&lt;a href=&quot;timeline:%1&quot;&gt;在时间线上显示&lt;/a&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n further finding(s) on the Findings page.</source>
        <translation>
            <numerusform>“发现项”页面上还有 %n 个发现项。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>capaudit::StartPage</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>CapAudit</source>
        <translation>CapAudit</translation>
    </message>
    <message>
        <source>Does the evidence support the provider&apos;s claims? Verify signed telemetry, attestations and invoices, check them against the contract, and report.</source>
        <translation>证据是否支持提供商的声明？验证已签名的遥测、分配证明和发票，对照合同检查并生成报告。</translation>
    </message>
    <message>
        <source>New case…</source>
        <translation>新建案卷…</translation>
    </message>
    <message>
        <source>An empty case file with the trust store of your engagement.</source>
        <translation>使用本次审计业务的信任库创建空白案卷文件。</translation>
    </message>
    <message>
        <source>Open case…</source>
        <translation>打开案卷…</translation>
    </message>
    <message>
        <source>A case file (*.capcase) you or a colleague made.</source>
        <translation>您或同事创建的案卷文件（*.capcase）。</translation>
    </message>
    <message>
        <source>Open the demo bank</source>
        <translation>打开演示银行</translation>
    </message>
    <message>
        <source>A simulated compute bank of three providers with every kind of fault, generated, signed and imported here (about a minute).</source>
        <translation>一个包含三家提供商和各类故障的模拟计算银行，将在此生成、签名并导入（约一分钟）。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Drop files here&lt;/b&gt;&lt;br&gt;a case (.capcase) to open it, or evidence bundles (folders, .capbundle, .tar.gz, .zip) to import them</source>
        <translation>&lt;b&gt;将文件拖放到此处&lt;/b&gt;&lt;br&gt;案卷（.capcase）将被打开，证据包（文件夹、.capbundle、.tar.gz、.zip）将被导入</translation>
    </message>
    <message>
        <source>&lt;b&gt;Recent cases&lt;/b&gt;</source>
        <translation>&lt;b&gt;最近的案卷&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The demo bank was not made: cancelled.</source>
        <translation>未生成演示银行：已取消。</translation>
    </message>
    <message>
        <source>The demo bank could not be made: %1</source>
        <translation>无法生成演示银行：%1</translation>
    </message>
</context>
<context>
    <name>capaudit::SubjectModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Algorithm</source>
        <translation>算法</translation>
    </message>
    <message>
        <source>Digest</source>
        <translation>摘要</translation>
    </message>
</context>
<context>
    <name>capaudit::ThreeWayModel</name>
    <message>
        <source>idle capacity</source>
        <translation>闲置容量</translation>
    </message>
    <message>
        <source>SLA credit</source>
        <translation>SLA 赔偿</translation>
    </message>
    <message>
        <source>match</source>
        <translation>匹配</translation>
    </message>
    <message>
        <source>differs</source>
        <translation>不一致</translation>
    </message>
    <message>
        <source>matches</source>
        <translation>一致</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>提供商</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时段</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Committed unit-h</source>
        <translation>承诺单位小时</translation>
    </message>
    <message>
        <source>Expected charge</source>
        <translation>预期费用</translation>
    </message>
    <message>
        <source>Delivered unit-h</source>
        <translation>交付单位小时</translation>
    </message>
    <message>
        <source>Allocated unit-h</source>
        <translation>分配单位小时</translation>
    </message>
    <message>
        <source>Billed (FOCUS)</source>
        <translation>已计费（FOCUS）</translation>
    </message>
    <message>
        <source>Invoiced</source>
        <translation>已开票</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>capaudit::TimelinePage</name>
    <message>
        <source>Provider telemetry</source>
        <translation>提供商遥测</translation>
    </message>
    <message>
        <source>Independent meter</source>
        <translation>独立计量方</translation>
    </message>
    <message>
        <source>Reset view</source>
        <translation>重置视图</translation>
    </message>
    <message>
        <source>Show the whole period (Ctrl+0)</source>
        <translation>显示整个时段 (Ctrl+0)</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the chart as PNG, SVG or PDF</source>
        <translation>将图表保存为 PNG、SVG 或 PDF</translation>
    </message>
    <message>
        <source>Provider:</source>
        <translation>提供商：</translation>
    </message>
    <message>
        <source>Resource:</source>
        <translation>资源：</translation>
    </message>
    <message>
        <source>No telemetry for %1</source>
        <translation>%1 无遥测数据</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>Level: %1 · 1 point per line</source>
        <translation>层级：%1 · 每条曲线 1 个点</translation>
    </message>
    <message>
        <source>Level: %1 · %2 points per line</source>
        <translation>层级：%1 · 每条曲线 %2 个点</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG drawing (*.svg);;PDF document (*.pdf)</source>
        <translation>PNG 图像 (*.png);;SVG 矢量图 (*.svg);;PDF 文档 (*.pdf)</translation>
    </message>
    <message>
        <source>Finding (%1): %2</source>
        <translation>发现项（%1）：%2</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时段：</translation>
    </message>
    <message>
        <source>Wheel: zoom · drag: pan · Shift+drag: propose a period · hover: values</source>
        <translation>滚轮：缩放 · 拖动：平移 · Shift+拖动：建议时段 · 悬停：数值</translation>
    </message>
</context>
<context>
    <name>capaudit::TimelinePlot</name>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证据</translation>
    </message>
    <message>
        <source>Allocated: %1</source>
        <translation>已分配：%1</translation>
    </message>
    <message>
        <source>Used</source>
        <translation>已使用</translation>
    </message>
    <message>
        <source>Node capacity</source>
        <translation>节点容量</translation>
    </message>
    <message>
        <source>Commitment</source>
        <translation>承诺容量</translation>
    </message>
    <message>
        <source>Commitment (%1)</source>
        <translation>承诺容量（%1）</translation>
    </message>
    <message>
        <source>Commitment (total)</source>
        <translation>承诺容量（合计）</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>Partial</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>Untrusted</source>
        <translation>不受信任</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>Evidence: %1</source>
        <translation>证据：%1</translation>
    </message>
    <message>
        <source>Allocation timeline</source>
        <translation>资源分配时间线</translation>
    </message>
    <message>
        <source>unknown chart format &apos;%1&apos; (use .png, .svg or .pdf)</source>
        <translation>未知的图表格式“%1”（请使用 .png、.svg 或 .pdf）</translation>
    </message>
    <message>
        <source>could not write the chart</source>
        <translation>无法写入图表</translation>
    </message>
    <message>
        <source>–</source>
        <translation>–</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 UTC&lt;/b&gt; (%2)</source>
        <translation>&lt;b&gt;%1 UTC&lt;/b&gt;（%2）</translation>
    </message>
    <message>
        <source>%1: allocated %2, used %3</source>
        <translation>%1：已分配 %2，已使用 %3</translation>
    </message>
    <message>
        <source>Allocated total: %1</source>
        <translation>已分配合计：%1</translation>
    </message>
    <message>
        <source>Used total: %1</source>
        <translation>已使用合计：%1</translation>
    </message>
    <message>
        <source>Node capacity: %1</source>
        <translation>节点容量：%1</translation>
    </message>
    <message>
        <source>Committed: %1 %2</source>
        <translation>承诺：%1 %2</translation>
    </message>
    <message>
        <source>Not attributed to a tenant</source>
        <translation>未归属租户</translation>
    </message>
</context>
<context>
    <name>capaudit::TrailModel</name>
    <message>
        <source>Entry %1
hash %2
previous %3</source>
        <translation>条目 %1
哈希 %2
前一条 %3</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>capaudit::TrailPage</name>
    <message>
        <source>Re-check chain</source>
        <translation>重新检查哈希链</translation>
    </message>
    <message>
        <source>Recompute every entry&apos;s hash and link (Ctrl+K)</source>
        <translation>重新计算每个条目的哈希及链接 (Ctrl+K)</translation>
    </message>
    <message>
        <source>1 entry · chain not re-checked since the last change</source>
        <translation>1 个条目 · 自上次变更后尚未重新检查哈希链</translation>
    </message>
    <message>
        <source>%1 entries · chain not re-checked since the last change</source>
        <translation>%1 个条目 · 自上次变更后尚未重新检查哈希链</translation>
    </message>
    <message>
        <source>Could not check the chain: %1</source>
        <translation>无法检查哈希链：%1</translation>
    </message>
    <message>
        <source>Chain intact: 1 entry verified</source>
        <translation>哈希链完整：已验证 1 个条目</translation>
    </message>
    <message>
        <source>Chain intact: %1 entries verified</source>
        <translation>哈希链完整：已验证 %1 个条目</translation>
    </message>
    <message>
        <source>Chain BROKEN at entry %1: %2</source>
        <translation>哈希链在条目 %1 处断裂：%2</translation>
    </message>
    <message>
        <source>Entry %1 · %2 · %3 · %4
hash     %5
previous %6

%7</source>
        <translation>条目 %1 · %2 · %3 · %4
哈希   %5
前一条 %6

%7</translation>
    </message>
    <message>
        <source>Filter by user, action, details…</source>
        <translation>按用户、操作、详情筛选…</translation>
    </message>
</context>
<context>
    <name>capaudit::TrustStoreDialog</name>
    <message>
        <source>Show removed anchors</source>
        <translation>显示已移除的信任锚</translation>
    </message>
    <message>
        <source>&amp;Add…</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Trust store — %1</source>
        <translation>信任库 — %1</translation>
    </message>
    <message>
        <source>Bundles are verified against these anchors. Adding or removing one is recorded in the audit trail; bundles already imported keep the verdict they had.</source>
        <translation>证据包依据这些信任锚进行核验。添加或移除信任锚会记录在审计轨迹中；已导入的证据包保留原有结论。</translation>
    </message>
    <message>
        <source>Add trust anchor</source>
        <translation>添加信任锚</translation>
    </message>
    <message>
        <source>Trust anchors (*.pem *.crt *.pub *.crl);;All files (*)</source>
        <translation>信任锚 (*.pem *.crt *.pub *.crl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Remove trust anchor</source>
        <translation>移除信任锚</translation>
    </message>
    <message>
        <source>Remove “%1” from the trust store?

Bundles signed under it and imported later will be untrusted. The removal is recorded in the audit trail.</source>
        <translation>是否从信任库中移除“%1”？

此后导入的、由其签名的证据包将不受信任。移除操作会记录在审计轨迹中。</translation>
    </message>
    <message>
        <source>Filter by label, role, scope, subject, fingerprint…</source>
        <translation>按标签、角色、范围、主体、指纹筛选…</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Audit workstation for metered compute.</source>
        <translation>计量计算资源审计工作站。</translation>
    </message>
    <message>
        <source>Select the bundle whose digest starts with DIGEST on the Evidence page (&quot;first&quot;: the first row).</source>
        <translation>在“证据”页选中摘要以 DIGEST 开头的证据包（“first”：第一行）。</translation>
    </message>
    <message>
        <source>No bundle with digest %1 in the case.</source>
        <translation>案卷中没有摘要为 %1 的证据包。</translation>
    </message>
    <message>
        <source>Case file (*.capcase) to open, and/or bundles (*.capbundle, archives, folders) to import into it (without a case file: into the case opened last).</source>
        <translation>要打开的案卷文件 (*.capcase)，以及/或要导入其中的证据包（*.capbundle、归档文件、文件夹；未指定案卷时导入最近打开的案卷）。</translation>
    </message>
    <message>
        <source>User-interface language, e.g. zh_CN or en (default: the system locale).</source>
        <translation>界面语言，例如 zh_CN 或 en（默认：系统区域设置）。</translation>
    </message>
    <message>
        <source>Open CASE, show the window for about a second and exit: 0 when the case opened, 1 when not.</source>
        <translation>打开 CASE，显示窗口约一秒后退出：案卷打开成功返回 0，否则返回 1。</translation>
    </message>
    <message>
        <source>Page shown at start: overview, evidence, timeline, findings, capacity, comparison or trail.</source>
        <translation>启动时显示的页面：overview（概览）、evidence（证据）、timeline（时间线）、findings（发现项）、capacity（容量规划）、comparison（投标比较）或 trail（审计轨迹）。</translation>
    </message>
    <message>
        <source>Unknown page &apos;%1&apos; (use overview, evidence, timeline, findings, capacity, comparison or trail).</source>
        <translation>未知页面“%1”（请使用 overview、evidence、timeline、findings、capacity、comparison 或 trail）。</translation>
    </message>
    <message>
        <source>Select the finding whose id starts with ID on the Findings page once the checks ran (&quot;first&quot;: the first row).</source>
        <translation>检查完成后，在“发现项”页选中编号以 ID 开头的发现项（“first”：第一行）。</translation>
    </message>
</context>
</TS>
