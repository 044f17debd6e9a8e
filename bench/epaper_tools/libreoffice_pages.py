"""Newspaper pages laid out with LibreOffice, with ground truth from the generator's placements.

An evaluation source for the 数字报 segmenter that is independent of it: this file was written
without reading ``baoshe/epaper/segment.py`` or ``baoshe/epaper/layout/``. Each page is a flat
ODF drawing (.fodg) of absolutely positioned text boxes, cropped photos (``fo:clip``), rules,
frames and furniture (版头, slogan band, folio, barcode, an unlabelled ad), converted to PDF by
``soffice --headless --convert-to pdf``. Chinese text is invented local news, written here.

Body text is set in one text box per column. LibreOffice Draw does not chain text boxes (and
Writer imports page-anchored frames from flat XML as drawing shapes), so the text is broken into
columns the way a layout system does: a first conversion sets each story's whole body in one
box of the column width, the printed lines are read back from the PDF, and the text is split at
line starts (continuation paragraphs without indent), then cut at the last full sentence that
fits. The generator checks that every column printed whole inside its box.

Pages (broadsheet 992 x 1417 pt, tabloid 737 x 1020 pt):
  page01  broadsheet, 8 cols, serif 9pt body, sans bold headlines, rules; 版头, red slogan band,
          lead with 引题/副题 and a cropped photo, a boxed 短评 nested in its lower corner,
          English word in a headline, a story without byline, barcode, folio.
  page02  tabloid, 5 cols, sans 8.5pt body, centred serif headlines, whitespace only; an
          L-shaped story (photo in its first column, text continuing under it; polygon in the
          truth), a 竖排 headline (tb-rl text box), a two-line headline, an unlabelled ad.
  page03  broadsheet, 8 cols, serif 8pt body, SimHei headlines, rules; a framed story, photo
          news (photo + title + caption text, no body), an unlabelled property ad.
  page04  tabloid, 6 cols, serif 8.5pt body, sans bold headlines, rules.
  page05  broadsheet, 7 cols, sans 9.5pt body, centred serif headlines, whitespace only; a
          slogan band between story rows, an unlabelled ad.
  page06  tabloid, 6 cols, serif 9pt body, SimHei headlines, rules; a framed story on a tint,
          a two-line headline in a narrow rail.

Ground truth (one JSON per page, schema of ``bench/data/epaper_real/*.json``): title as printed,
inline byline names, and the bbox = union of the glyph boxes printed inside the story's own
frames (read back with pypdfium2) and the visible rectangles of its photos.

Rerun (Debian). Fonts: Noto Sans/Serif CJK SC Regular+Bold from apt ``fonts-noto-cjk``, and
SimHei from the ``mplfonts`` package in the venv (copied into the system font folder)::

    apt-get update
    apt-get install -y --no-install-recommends libreoffice-draw fonts-noto-cjk
    mkdir -p /usr/local/share/fonts/mplfonts
    cp .venv/lib/python3*/site-packages/mplfonts/fonts/* /usr/local/share/fonts/mplfonts/
    fc-cache -f
    .venv/bin/python bench/epaper_tools/libreoffice_pages.py
        [--out bench/data/epaper_tools/libreoffice]
        [--preview /tmp/lo_preview]   # PNGs with the truth boxes drawn, for checking by eye

Deterministic: fixed seeds; only the PDF bytes (creation date) change between runs.
"""

from __future__ import annotations

import argparse
import base64
import difflib
import hashlib
import io
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import pypdfium2 as pdfium
from PIL import Image, ImageDraw, ImageFilter

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(os.path.dirname(HERE), "data", "epaper_tools", "libreoffice")

SERIF = "Noto Serif CJK SC"
SANS = "Noto Sans CJK SC"
HEI = "SimHei"

# --------------------------------------------------------------------------------------------
# Invented content
# --------------------------------------------------------------------------------------------

SURNAMES = "张王李陈刘杨黄吴周徐孙朱胡郭何林罗郑梁谢叶潘蒋沈韩唐冯董程曹袁邓许傅"
GIVEN = [
    "晓辉",
    "海燕",
    "建国",
    "丽娟",
    "志强",
    "文博",
    "雨桐",
    "俊杰",
    "佳怡",
    "国庆",
    "秀英",
    "立新",
    "明轩",
    "静",
    "敏",
    "超",
    "一鸣",
    "思源",
    "春来",
    "玉兰",
    "家豪",
    "慧",
    "宇航",
    "晨曦",
    "永福",
    "红梅",
    "子涵",
    "伟",
    "婷婷",
    "振华",
]
PLACES = [
    "青溪县",
    "云塘镇",
    "白沙街道",
    "东湖社区",
    "南屏村",
    "临江区",
    "石门乡",
    "梅岭村",
    "港城新区",
    "西坝镇",
    "柳营社区",
    "凤鸣街道",
    "桃源村",
    "北塘镇",
    "观澜社区",
]
ORGS = [
    "县文旅局",
    "区市场监管局",
    "县人社局",
    "镇卫生院",
    "县交通运输局",
    "街道综治中心",
    "县农业农村局",
    "区教育局",
    "县供电公司",
    "县消防救援大队",
    "区住建局",
    "县图书馆",
]
LATIN = ["App", "5G", "LED", "PM2.5", "Wi-Fi", "GPS", "AI", "VR", "ETC", "QQ群", "Logo", "CT"]

# headline, kicker, subtitle, lead, specific sentences
TOPICS = [
    (
        "城西夜市打造Citywalk新地标",
        "老街焕新 烟火升腾",
        "首批42个摊位5月20日起试营业",
        "沉寂多年的城西老街再次亮起灯火，一条融合小吃、文创和非遗展示的夜市街区即将开门迎客。",
        [
            "街区全长约680米，改造保留了原有的青石板路和骑楼立面。",
            "运营方介绍，夜市将实行统一收银和垃圾分类，摊主须持健康证上岗。",
        ],
    ),
    (
        "青年创客空间“Maker Hub”开放",
        "",
        "首批入驻团队21个",
        "由闲置厂房改造而成的青年创客空间近日开放，为返乡创业青年提供低成本办公场地。",
        [
            "空间内设有3D打印室、路演厅和共享会议室，入驻团队前两年免收租金。",
            "首批入驻的团队涉及农产品电商、文创设计和智能硬件等领域。",
        ],
    ),
    (
        "老街开出首家Outlet折扣店",
        "",
        "",
        "老街东段的一家品牌折扣店日前开业，吸引了不少市民前来选购。",
        [
            "店内汇集了30多个服装和运动品牌，部分商品低至三折。",
            "商家表示，将与老街夜市联动，推出晚间专场优惠活动。",
        ],
    ),
    (
        "南屏村千亩茶园迎来采摘季",
        "",
        "",
        "连日来，南屏村的茶园里一派繁忙景象，茶农们抢抓晴好天气采摘春茶。",
        [
            "今年全村茶园面积达1260亩，预计干茶产量比去年增加15%。",
            "村里还引进了一条自动化炒茶生产线，每小时可加工鲜叶300公斤。",
        ],
    ),
    (
        "县人民医院开通24小时胸痛中心",
        "守护生命“黄金时间”",
        "",
        "记者从县人民医院获悉，该院胸痛中心日前正式运行，急性胸痛患者可享受一站式救治。",
        [
            "从患者进门到血管开通，平均用时已缩短至68分钟。",
            "医院与各乡镇卫生院建立了心电图远程传输网络，基层拍片、县里诊断。",
        ],
    ),
    (
        "云塘镇老旧小区加装电梯提速",
        "",
        "今年计划完成38台",
        "随着最后一节导轨吊装到位，云塘镇幸福里小区3号楼的电梯进入调试阶段。",
        [
            "加装电梯费用由政府补助和居民自筹共同承担，补助比例最高可达40%。",
            "为化解低层住户的顾虑，社区先后召开了11场协商会。",
        ],
    ),
    (
        "暑期青少年游泳培训报名启动",
        "",
        "",
        "为预防溺水事故，县体育中心联合团县委推出公益游泳培训，面向全县中小学生免费开放。",
        [
            "培训分为6期，每期10天，由持证教练分组授课。",
            "家长可通过“青溪体育”微信小程序报名，名额有限，报完即止。",
        ],
    ),
    (
        "港城新区首个智慧停车场投用",
        "",
        "车位状态手机实时可查",
        "港城新区市民中心地下停车场近日完成智慧化改造，新增车位引导和无感支付功能。",
        [
            "停车场共有车位526个，其中新能源汽车充电车位80个。",
            "车主通过App即可查看空余车位，离场时自动扣费，平均通行时间缩短至5秒。",
        ],
    ),
    (
        "石门乡杨梅节吸引八方游客",
        "",
        "",
        "正值杨梅成熟季节，石门乡第九届杨梅文化节开幕，漫山遍野的杨梅树挂满红果。",
        [
            "活动期间推出采摘体验、农产品展销和乡村音乐会等12项活动。",
            "当地民宿预订率已超过九成，不少游客专程从周边城市赶来。",
        ],
    ),
    (
        "“一件事”集成改革再提速",
        "优化营商环境",
        "企业开办全程只需1个工作日",
        "县政务服务中心推出企业开办“一件事”套餐服务，营业执照、印章、税控设备一次领取。",
        [
            "今年以来，全县新设市场主体2871户，同比增长12.6%。",
            "中心还设立了“办不成事”反映窗口，专门解决群众办事中的堵点难点。",
        ],
    ),
    (
        "临江区启动河道清淤专项行动",
        "",
        "",
        "为迎接主汛期，临江区对辖区内17条河道开展集中清淤，预计清理淤泥4.3万立方米。",
        [
            "施工单位采用环保绞吸船作业，淤泥经脱水处理后用于绿化填土。",
            "区水利部门提醒沿河居民，施工期间注意安全，切勿靠近作业区域。",
        ],
    ),
    (
        "社区食堂让老人吃上“暖心饭”",
        "",
        "",
        "中午11点，柳营社区食堂里飘出阵阵饭菜香，前来就餐的老人陆续落座。",
        [
            "食堂每天提供两荤两素一汤，70岁以上老人每餐只需12元。",
            "行动不便的独居老人还可以预约送餐上门服务。",
        ],
    ),
    (
        "县图书馆推出“深夜书房”",
        "",
        "",
        "县图书馆东侧的自助阅览室近日延长开放时间，市民刷身份证即可入内阅读至深夜。",
        [
            "书房藏书8000余册，配备了自助借还机和Wi-Fi网络。",
            "开放一个月来，累计接待读者1.2万人次，借阅图书4300余册。",
        ],
    ),
    (
        "凤鸣街道垃圾分类有了“新管家”",
        "",
        "",
        "在凤鸣街道的各个小区，一批智能垃圾分类箱陆续上岗，居民投放可获积分奖励。",
        [
            "积分可在社区超市兑换洗衣液、毛巾等日用品。",
            "试点两个月来，小区厨余垃圾分出率从31%提高到了67%。",
        ],
    ),
    (
        "梅岭村电商直播带火土特产",
        "",
        "",
        "村委会二楼的直播间里，主播正向网友介绍刚出锅的梅干菜烧饼。",
        [
            "去年以来，村里培育了15名本土主播，带动农产品线上销售额超过900万元。",
            "直播间还吸引了一批在外务工的年轻人回乡创业。",
        ],
    ),
    (
        "首届乡村马拉松鸣枪开跑",
        "",
        "",
        "伴随着一声枪响，来自全国各地的3000余名跑者从西坝镇文化广场出发。",
        [
            "赛道串联起沿途的古村落、油菜花田和水库绿道。",
            "赛事组委会在沿线设置了9个补给站和6个医疗点，并启用GPS计时芯片。",
        ],
    ),
    (
        "北塘镇农民学校开课",
        "",
        "",
        "北塘镇农民学校今年首期培训班开课，80余名种植大户和返乡青年走进课堂。",
        [
            "课程涵盖无人机植保、农产品品牌营销和合作社财务管理等内容。",
            "学员结业后可获得职业技能等级证书，并优先享受创业贷款贴息。",
        ],
    ),
    (
        "桃源村古戏台修缮完工",
        "",
        "",
        "经过半年修缮，桃源村始建于清代的古戏台重新对外开放。",
        [
            "修缮严格遵循“修旧如旧”原则，木构件能保留的尽量保留。",
            "村里计划每月举办一次越剧演出，让老戏台重新热闹起来。",
        ],
    ),
    (
        "公交新线路串起城乡旅游点",
        "",
        "",
        "县交通运输局日前开通两条旅游公交专线，连接县城与5个乡村旅游景点。",
        [
            "专线实行一票制，票价2元，节假日加密班次。",
            "车辆均为新能源公交车，车内配备LED线路显示屏和免费充电口。",
        ],
    ),
    (
        "消防救援进校园",
        "",
        "",
        "县消防救援大队走进实验小学，为师生上了一堂生动的消防安全课。",
        [
            "消防员现场演示了灭火器的使用方法，并组织了应急疏散演练。",
            "全校1600余名师生在3分钟内全部安全撤离到操场。",
        ],
    ),
    (
        "观澜社区办起“四点半课堂”",
        "",
        "",
        "每天下午4点半，观澜社区活动室里便热闹起来，放学的孩子们在这里写作业、读绘本。",
        [
            "课堂由社区志愿者和退休教师轮流值守，全程免费。",
            "不少双职工家长说，孩子放学有了去处，心里踏实多了。",
        ],
    ),
    (
        "县供电公司完成迎峰度夏检修",
        "",
        "",
        "为确保夏季用电高峰电网安全运行，县供电公司完成了对全县主干线路的集中检修。",
        [
            "此次共检修线路126公里，消除各类缺陷83处。",
            "公司还对重点客户开展了用电安全检查，帮助企业制定错峰用电方案。",
        ],
    ),
    (
        "老人手机课堂受欢迎",
        "",
        "",
        "“点这里就能挂号了吗？”在白沙街道老年活动中心，70岁的陈阿姨认真地举手提问。",
        [
            "课堂教授手机挂号、扫码乘车和防范电信诈骗等实用技能。",
            "今年以来已举办培训23场，惠及老年人900余人次。",
        ],
    ),
    (
        "西坝镇建成共享农机服务中心",
        "",
        "",
        "在西坝镇共享农机服务中心，20余台插秧机、收割机整齐排列，等待农户预约使用。",
        [
            "农户通过手机预约即可租用农机，价格比市场低三成左右。",
            "中心还配备了农机维修工，为周边乡镇提供上门服务。",
        ],
    ),
    (
        "全县高考考点完成布置",
        "",
        "",
        "距离高考还有不到半个月，全县3个考点的标准化考场已全部布置到位。",
        [
            "每个考场都安装了视频监控和无线电信号屏蔽设备。",
            "公安、交通等部门将在考试期间实行交通管制和护考行动。",
        ],
    ),
    (
        "湿地公园迎来白鹭栖息",
        "",
        "",
        "清晨的东湖湿地公园，成群的白鹭在浅滩上觅食，吸引不少市民驻足拍照。",
        [
            "近年来，湿地公园持续开展水质提升和植被恢复工程。",
            "观测数据显示，公园内鸟类已由2019年的46种增加到78种。",
        ],
    ),
    (
        "区教育局新增学位2400个",
        "",
        "",
        "为缓解城区入学压力，区教育局今年新建和改扩建学校5所，秋季将新增学位2400个。",
        [
            "新学校均按省标准化学校配置，配有创客教室和室内体育馆。",
            "招生政策已在区教育局官网公布，家长可登录查询学区划分。",
        ],
    ),
    (
        "快递进村打通“最后一公里”",
        "",
        "",
        "青溪县村级快递服务站实现全覆盖，村民在家门口就能收寄包裹。",
        [
            "服务站大多设在村便利店和村邮站，快递公司统一配送到站。",
            "去年全县农村快递业务量达到460万件，比前年翻了一番。",
        ],
    ),
    (
        "城南菜市场完成提升改造",
        "",
        "",
        "改造后的城南菜市场近日重新开门，宽敞明亮的摊位和统一的价格公示牌让市民眼前一亮。",
        [
            "市场内新设了农残快检室，每天抽检蔬菜样品不少于30批次。",
            "摊主们说，环境好了，回头客也多了。",
        ],
    ),
    (
        "青溪县举办首届农民丰收运动会",
        "",
        "",
        "挑担接力、插秧比赛、抬轿竞速……一场别开生面的农民运动会在北塘镇举行。",
        [
            "来自全县12个乡镇的400余名农民选手参加了比赛。",
            "赛事还设置了亲子项目，不少孩子跟着父母一起上阵。",
        ],
    ),
    (
        "白沙街道开出“共享厨房”",
        "",
        "",
        "在白沙街道邻里中心，一间面积约60平方米的共享厨房吸引了不少居民前来体验。",
        [
            "厨房配备了整套灶具和餐具，居民预约后即可免费使用。",
            "周末这里还会举办厨艺分享课，邻里之间的交流多了起来。",
        ],
    ),
    (
        "县城新增12处口袋公园",
        "",
        "家门口的绿色“客厅”",
        "利用边角地和闲置空地，县城今年新建的12处口袋公园陆续向市民开放。",
        [
            "公园面积从300平方米到2000平方米不等，均配有座椅、健身器材和夜间照明。",
            "附近居民说，出门五分钟就能散步健身，生活品质明显提升。",
        ],
    ),
    (
        "石门水库完成除险加固",
        "筑牢安全度汛防线",
        "",
        "历时一年半施工，石门水库除险加固工程通过竣工验收，水库防洪标准提高到百年一遇。",
        [
            "工程对大坝进行了防渗处理，并新建了溢洪道和安全监测系统。",
            "水库下游3个乡镇、5万余名群众的防洪安全得到进一步保障。",
        ],
    ),
    (
        "中药材种植让山地变“金地”",
        "",
        "",
        "在云塘镇高山村，成片的黄精、白术长势喜人，村民们正忙着除草施肥。",
        [
            "村里采用“合作社+基地+农户”模式，种植面积扩大到850亩。",
            "去年中药材销售收入达到620万元，户均增收1.1万元。",
        ],
    ),
    (
        "县城启用首座智慧公厕",
        "",
        "",
        "县城人民广场旁的智慧公厕日前投用，电子屏实时显示空余厕位和空气质量。",
        [
            "公厕设有第三卫生间、母婴室和无障碍通道。",
            "管理人员介绍，智能通风和除臭系统让公厕始终保持清新。",
        ],
    ),
    (
        "乡村医生培训班结业",
        "",
        "",
        "为期两周的全县乡村医生能力提升培训班日前结业，56名村医顺利通过考核。",
        [
            "培训内容包括慢性病管理、急救技能和中医适宜技术。",
            "不少村医表示，学到的知识回去马上就能用上。",
        ],
    ),
    (
        "青溪籍学子返乡开展暑期实践",
        "",
        "",
        "放假不放松，一批在外求学的青溪籍大学生回到家乡，走进社区和企业开展社会实践。",
        [
            "他们有的在社区辅导孩子功课，有的到企业参与产品研发。",
            "团县委为实践学生提供了岗位对接和安全保障服务。",
        ],
    ),
    (
        "古樟树群挂牌保护",
        "",
        "",
        "梅岭村的18株古樟树日前有了“身份证”，每株树都挂上了二维码保护牌。",
        [
            "其中树龄最长的一株已有约560年，需五人合抱。",
            "村里组建了护树志愿队，定期巡查病虫害情况。",
        ],
    ),
    (
        "夜间延时服务方便上班族",
        "",
        "",
        "为方便上班族办事，县政务服务中心推出工作日夜间延时服务，每晚开放至8点。",
        [
            "延时服务涵盖社保、医保、不动产登记等高频事项共86项。",
            "开设一个月来，共办理业务1300余件。",
        ],
    ),
    (
        "西坝镇龙舟队备战端午赛事",
        "",
        "",
        "端午将至，西坝镇的河道上鼓声阵阵，龙舟队员们正在加紧训练。",
        [
            "今年的龙舟赛共有16支队伍报名，创下历年新高。",
            "镇里还将同步举办包粽子比赛和非遗展演活动。",
        ],
    ),
    (
        "县实验中学获评省级科技特色学校",
        "",
        "",
        "县实验中学日前被命名为省级科技教育特色学校，成为全县首家获此称号的中学。",
        [
            "学校开设了机器人、编程和航模等12门选修课。",
            "近三年来，学生在各级科技竞赛中获奖160余项。",
        ],
    ),
    (
        "东湖社区成立“红色物业”联盟",
        "",
        "",
        "东湖社区联合辖区内7家物业企业成立“红色物业”联盟，共同破解小区治理难题。",
        [
            "联盟建立了问题共商、资源共享和服务共担机制。",
            "成立半年来，已协调解决停车难、漏水等问题47件。",
        ],
    ),
    (
        "港城新区签约5个重大产业项目",
        "招商引资结硕果",
        "总投资38.6亿元",
        "港城新区日前举行重大项目集中签约仪式，5个项目总投资达到38.6亿元。",
        [
            "项目涉及新能源装备、生物医药和数字经济等领域。",
            "新区将实行专班服务，推动项目早落地、早投产。",
        ],
    ),
    (
        "全民健身步道串起滨江风景",
        "",
        "",
        "全长8.6公里的滨江健身步道全线贯通，成为市民休闲健身的新去处。",
        [
            "步道沿线设置了5个驿站，提供饮水、休息和急救服务。",
            "每天傍晚，不少市民来这里散步、跑步和骑行。",
        ],
    ),
]

SHORT_COMMENTS = [
    (
        "让夜市烟火气更可持续",
        "夜市热起来，是城市活力的写照。热闹之余，噪音、油烟和占道等老问题也需要同步解决。"
        "管理者不妨多听听周边居民的声音，在营业时间、摊位布局上多下绣花功夫。"
        "只有让商户赚到钱、游客玩得好、居民睡得着，夜经济才能行稳致远。"
        "烟火气与秩序感并不矛盾，关键在于规则要清楚、执行要到位、服务要贴心。",
    ),
]

GENERIC = [
    "据{O}有关负责人介绍，该项工作自{M}启动以来，已累计投入资金{N}万元。",
    "“以前办这件事要跑好几趟，现在一次就办好了。”前来办事的市民{R}说。",
    "下一步，{P}将继续完善配套设施，力争年底前全面完成各项建设任务。",
    "记者在现场看到，工作人员正有条不紊地忙碌着，各项准备工作已基本就绪。",
    "截至目前，{P}已有{N}户家庭从中受益，群众满意度达到98%以上。",
    "为确保工作顺利推进，{O}成立了工作专班，实行“一周一通报”制度。",
    "{R}是土生土长的{P}人，从事这一行已有{K}个年头。",
    "活动现场，志愿者们耐心讲解，发放宣传资料{N}余份，受到群众欢迎。",
    "据了解，相关项目总投资约{K}.{D}亿元，计划分两期实施。",
    "{O}还开通了咨询热线，群众可拨打0576-8{T}了解详情。",
    "在{P}，类似的变化随处可见，群众的获得感、幸福感不断增强。",
    "“我们会把好事办好、实事办实。”{O}负责人{R}表示。",
    "此外，相关部门还将加强日常巡查，对发现的问题及时督促整改。",
    "项目建成后，预计每年可带动周边群众增收{N}万元以上。",
    "为方便群众，现场还设置了自助服务区，配备了{L}设备和引导人员。",
    "{M}上午，记者跟随工作人员来到{P}，实地探访这一变化。",
    "今年是该项工作开展的第{K}年，参与人数逐年增加。",
    "负责人告诉记者，接下来还将在全县范围内推广这一做法。",
    "不少群众通过{L}平台留言点赞，认为这件事办到了大家的心坎上。",
    "与去年同期相比，相关指标增长了{K}.{D}%，呈现稳中向好的态势。",
    "{R}笑着说，日子越过越有奔头，大家对未来充满信心。",
    "工作人员提醒，市民如有疑问，可通过“青溪发布”微信公众号进行咨询。",
    "据悉，这一做法已被列入全市基层治理创新案例，在全市推广。",
    "当天，{O}还邀请了专家现场答疑，解答群众关心的热点问题{K}个。",
    "从方案制定到落地实施，前后只用了{K}个月时间。",
    "目前，相关设施运行平稳，日均服务群众{N}人次。",
    "记者了解到，{P}今年共谋划实施民生实事项目{K}项，目前进展顺利。",
    "在英文简报CHINA OFFSHORE OIL PRESS上，这一做法也被作为案例介绍。",
    "“变化是看得见的。”在{P}住了几十年的{R}感慨地说。",
    "相关部门表示，将坚持问题导向，持续跟踪群众反映的意见建议。",
]

BYLINE_ROLES = [("记者",), ("记者", "通讯员"), ("记者", "记者"), ("通讯员",), ("记者", "实习生")]


class Writer:
    """Deterministic invented news text."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def name(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(GIVEN)

    def fill(self, template: str) -> str:
        r = self.rng
        return template.format(
            O=r.choice(ORGS),
            P=r.choice(PLACES),
            R=self.name(),
            M=f"{r.randint(1, 5)}月{r.randint(1, 28)}日",
            N=r.choice([120, 260, 380, 560, 1200, 1850, 3400, 46, 75, 90]),
            K=r.randint(3, 19),
            D=r.randint(1, 9),
            T=f"{r.randint(1000000, 9999999)}",
            L=r.choice(LATIN),
        )

    def byline(self) -> tuple[str, str]:
        roles = self.rng.choice(BYLINE_ROLES)
        parts = []
        for role in roles:
            if parts and parts[-2] == role:  # 记者 张三 李四, not 记者 张三 记者 李四
                parts.append(self.name())
                continue
            parts += [role, self.name()]
        names = " ".join(parts)
        return names, f"本报讯（{names}）"

    def body(self, lead: str, specific: list[str], n_chars: int, prefix: str) -> list[str]:
        """Paragraphs of about n_chars characters (more, to be cut at a sentence end)."""
        pool = list(GENERIC)
        self.rng.shuffle(pool)
        sentences = [prefix + lead] + list(specific)
        i = 0
        while sum(len(s) for s in sentences) < n_chars:
            sentences.append(self.fill(pool[i % len(pool)]))
            i += 1
        paras, cur = [], []
        for s in sentences:
            cur.append(s)
            if len(cur) >= self.rng.randint(2, 4):
                paras.append("".join(cur))
                cur = []
        if cur:
            paras.append("".join(cur))
        return paras


# --------------------------------------------------------------------------------------------
# Page model
# --------------------------------------------------------------------------------------------


@dataclass
class Style:
    name: str
    body_font: str
    body_size: float
    leading: float
    hl_font: str
    hl_bold: bool
    hl_align: str  # "left" | "center"
    cols: int
    gutter: float
    margin: float
    rules: bool
    accent: str


@dataclass
class Box:
    """A text box: paragraphs of (paragraph style key, text)."""

    rect: tuple
    paras: list
    vertical: bool = False
    name: str = ""


@dataclass
class Story:
    title: str
    byline: str = ""
    frames: list = field(default_factory=list)  # rects whose printed glyphs belong to the story
    images: list = field(default_factory=list)  # visible rects of its photos
    inside: str = ""
    polygon_cols: list = field(default_factory=list)  # for L-shapes: list of column rects
    body_key: str = ""


@dataclass
class BodySpec:
    key: str
    paras: list
    cols: list  # rects
    pstyle: str  # paragraph style family key (body / comment)


POOL: list = []


def reset_pool():
    POOL[:] = TOPICS[1:]
    random.Random(2026).shuffle(POOL)


def take_topic(headline: str):
    for t in POOL:
        if t[0] == headline:
            POOL.remove(t)
            return t
    raise KeyError(headline)


class Page:
    def __init__(self, name: str, width: float, height: float, style: Style, seed: int):
        self.name, self.w, self.h, self.st = name, width, height, style
        self.boxes: list[Box] = []
        self.images: list = []  # (rect, PIL image, clip (t, r, b, l) in pt)
        self.lines: list = []  # (x1, y1, x2, y2, width, color)
        self.rects: list = []  # (rect, stroke, fill, stroke width)
        self.stories: list[Story] = []
        self.bodies: list[BodySpec] = []
        self.writer = Writer(seed)
        self.rng = random.Random(seed + 7)
        self.topics = POOL  # shared by the pages of one build: no story twice
        inner = width - 2 * style.margin
        self.colw = (inner - (style.cols - 1) * style.gutter) / style.cols

    # grid
    def cx(self, c: int) -> float:
        return self.st.margin + c * (self.colw + self.st.gutter)

    def span(self, c0: int, c1: int) -> tuple[float, float]:
        """x extent of columns c0..c1-1."""
        return self.cx(c0), self.cx(c1 - 1) + self.colw

    def topic(self, want_english: bool = False):
        for i, t in enumerate(self.topics):
            if want_english == bool(re.search(r"[A-Za-z]{3,}", t[0])):
                return self.topics.pop(i)
        return self.topics.pop()


def hl_width(text: str, size: float) -> float:
    """Rough printed width: CJK 1 em, Latin 0.62 em, plus LibreOffice's autospace (about a
    quarter em) wherever CJK and Latin meet."""
    w = 0.0
    prev = None
    for ch in text:
        latin = ord(ch) < 0x2000
        w += size * (0.62 if latin else 1.0)
        if prev is not None and prev != latin and not ch.isspace():
            w += size * 0.25
        prev = latin
    return w


def headline_box(page: Page, x0, x1, y, text, size, font_key, align=None):
    """Place a headline; shrink or wrap to fit. Returns bottom y."""
    width = x1 - x0
    s = size
    lines = 1
    while hl_width(text, s) > width * 0.97:
        if s > size * 0.72:
            s -= 1
        else:
            lines = math.ceil(hl_width(text, s) / (width * 0.95))
            break
    h = lines * s * 1.32
    if lines == 2 and not re.search(r"[A-Za-z0-9]", text):
        # break a two-line headline in the middle, as an editor would (no orphan char)
        half = (len(text) + 1) // 2
        text = text[:half] + "\n" + text[half:]
    page.boxes.append(
        Box((x0, y, x1, y + h), [(f"{font_key}:{s:g}:{align or page.st.hl_align}", text)])
    )
    return y + h


def line_box(page: Page, x0, x1, y, text, key, size, lines=1, lead=1.45):
    h = size * lead * lines
    page.boxes.append(Box((x0, y, x1, y + h), [(f"{key}:{size:g}", text)]))
    return y + h


# --------------------------------------------------------------------------------------------
# Photos
# --------------------------------------------------------------------------------------------


def make_photo(rng: random.Random, w_px: int, h_px: int) -> Image.Image:
    top = tuple(rng.randint(120, 220) for _ in range(3))
    bottom = tuple(rng.randint(30, 120) for _ in range(3))
    im = Image.new("RGB", (w_px, h_px))
    d = ImageDraw.Draw(im)
    for y in range(h_px):
        t = y / max(1, h_px - 1)
        d.line(
            [(0, y), (w_px, y)],
            fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    horizon = int(h_px * rng.uniform(0.35, 0.6))
    for _ in range(rng.randint(6, 14)):  # buildings / trees
        bw = rng.randint(w_px // 14, w_px // 5)
        bx = rng.randint(-bw // 2, w_px)
        bh = rng.randint(h_px // 8, h_px // 2)
        col = tuple(rng.randint(40, 200) for _ in range(3))
        d.rectangle([bx, horizon - bh, bx + bw, h_px], fill=col)
        for wy in range(horizon - bh + 6, h_px, 14):
            for wx in range(bx + 4, bx + bw - 6, 12):
                if rng.random() < 0.5:
                    d.rectangle([wx, wy, wx + 5, wy + 7], fill=(230, 220, 160))
    for _ in range(rng.randint(5, 12)):  # people
        px = rng.randint(0, w_px)
        py = rng.randint(int(h_px * 0.65), h_px)
        r = rng.randint(h_px // 40 + 2, h_px // 18 + 3)
        col = tuple(rng.randint(0, 255) for _ in range(3))
        d.ellipse([px - r, py - 5 * r, px + r, py - 3 * r], fill=(225, 190, 160))
        d.rectangle([px - int(1.3 * r), py - 3 * r, px + int(1.3 * r), py + 2 * r], fill=col)
    return im.filter(ImageFilter.GaussianBlur(0.8))


PHOTO_DPI = 100.0  # 1 px = 0.72 pt


def place_photo(page: Page, rect, caption: str | None, cap_size: float = 7.5):
    """A photo clipped to rect (the source image runs past it), caption under it."""
    x0, y0, x1, y1 = rect
    pt_per_px = 72.0 / PHOTO_DPI
    r = page.rng
    clip = (r.uniform(8, 40), r.uniform(8, 60), r.uniform(8, 40), r.uniform(8, 60))  # t r b l
    full_w = (x1 - x0) + clip[1] + clip[3]
    full_h = (y1 - y0) + clip[0] + clip[2]
    im = make_photo(r, int(round(full_w / pt_per_px)), int(round(full_h / pt_per_px)))
    # recompute clips against the pixel-rounded native size so the visible box is exact
    nat_w, nat_h = im.width * pt_per_px, im.height * pt_per_px
    clip = (clip[0], nat_w - (x1 - x0) - clip[3], nat_h - (y1 - y0) - clip[0], clip[3])
    page.images.append((rect, im, clip))
    bottom = y1
    if caption:
        bottom = line_box(
            page,
            x0,
            x1,
            y1 + 2.5,
            caption,
            "cap",
            cap_size,
            lines=max(1, math.ceil(len(caption) * cap_size / (x1 - x0) * 1.05)),
            lead=1.35,
        )
    return bottom


# --------------------------------------------------------------------------------------------
# Stories
# --------------------------------------------------------------------------------------------


def body_columns(
    page: Page,
    story: Story,
    cols: list,
    paras_chars: int | None = None,
    prefix: str | None = None,
    topic=None,
    pstyle="body",
):
    key = f"{page.name}-b{len(page.bodies)}"
    if topic is None:
        topic = page.topic()
    area = sum((c[2] - c[0]) * (c[3] - c[1]) for c in cols)
    size = page.st.body_size
    need = int(area / (size * size * page.st.leading) * 1.3) + 80
    paras = page.writer.body(topic[3], topic[4], need, prefix if prefix is not None else "")
    page.bodies.append(BodySpec(key, paras, cols, pstyle))
    story.body_key = key
    story.frames += cols


def std_story(
    page: Page,
    c0,
    c1,
    y0,
    y1,
    *,
    hl_size=22,
    kicker=False,
    sub=False,
    photo=None,
    english=False,
    byline=True,
    hl_font="hl",
    topic=None,
    inset=0.0,
):
    """Headline across c0..c1, optional photo spanning `photo`=(pc0, pc1, height) at the top of
    the body, body in columns (or `body_cols` groups of columns merged), returns Story."""
    t = topic or page.topic(english)
    x0, x1 = page.span(c0, c1)
    x0, x1 = x0 + inset, x1 - inset
    st = Story(title=t[0])
    y = y0
    if kicker and t[1]:
        y = line_box(page, x0, x1, y, t[1], "kick", max(11, hl_size * 0.45))
        st.frames.append(page.boxes[-1].rect)
    y = headline_box(page, x0, x1, y, t[0], hl_size, hl_font)
    st.frames.append(page.boxes[-1].rect)
    if sub and t[2]:
        y = line_box(page, x0, x1, y + 1, "——" + t[2], "sub", max(10.5, hl_size * 0.42))
        st.frames.append(page.boxes[-1].rect)
    y += 5
    col_tops = dict.fromkeys(range(c0, c1), y)
    if photo:
        pc0, pc1, ph = photo
        px0, px1 = page.span(pc0, pc1)
        what = page.rng.choice(["现场", "一景", "活动现场", "施工现场"])
        cap = f"图为{page.rng.choice(PLACES)}{what}。（{page.writer.name()} 摄）"
        bottom = place_photo(page, (px0, y, px1, y + ph), cap)
        st.images.append((px0, y, px1, y + ph))
        st.frames.append(page.boxes[-1].rect)
        for c in range(pc0, pc1):
            col_tops[c] = bottom + 5
    cols = []
    n = c1 - c0
    w = (x1 - x0 - (n - 1) * page.st.gutter) / n
    for i, c in enumerate(range(c0, c1)):
        gx0 = x0 + i * (w + page.st.gutter)
        cols.append((gx0, col_tops[c], gx0 + w, y1))
    prefix = ""
    if byline:
        st.byline, prefix = page.writer.byline()
    body_columns(page, st, cols, prefix=prefix, topic=t)
    page.stories.append(st)
    return st


def rule(page: Page, x0, y0, x1, y1, w=0.6, color="#000000"):
    page.lines.append((x0, y0, x1, y1, w, color))


# --------------------------------------------------------------------------------------------
# Furniture
# --------------------------------------------------------------------------------------------


def banner(page: Page, code: str, section: str, date: str, editors: str, y=22.0):
    m = page.st.margin
    acc = page.st.accent
    page.rects.append(((m, y, m + 58, y + 30), "none", acc, 0))
    page.boxes.append(Box((m, y + 3, m + 58, y + 28), [("furn:18:center:white", code)]))
    page.boxes.append(Box((m + 66, y + 3, m + 250, y + 28), [("furn:17:left:" + acc, section)]))
    page.boxes.append(
        Box((page.w - m - 330, y + 4, page.w - m, y + 16), [("furn:8.5:right", date)])
    )
    page.boxes.append(
        Box((page.w - m - 330, y + 17, page.w - m, y + 29), [("furn:8:right", editors)])
    )
    rule(page, m, y + 34, page.w - m, y + 34, 1.6, acc)
    rule(page, m, y + 36.5, page.w - m, y + 36.5, 0.5, acc)
    return y + 42


def folio(page: Page, code: str, paper: str, date: str):
    m = page.st.margin
    y = page.h - 26
    rule(page, m, y - 4, page.w - m, y - 4, 0.5)
    page.boxes.append(Box((m, y, m + 200, y + 11), [("furn:8:left", f"{code}  {paper}")]))
    page.boxes.append(Box((page.w - m - 200, y, page.w - m, y + 11), [("furn:8:right", date)]))


def slogan(page: Page, y0, y1, text, sub):
    m = page.st.margin
    page.rects.append(((m, y0, page.w - m, y1), "none", "#c8102e", 0))
    h = y1 - y0
    page.boxes.append(
        Box(
            (m, y0 + h * 0.12, page.w - m, y0 + h * 0.68),
            [(f"slogan:{h * 0.42:.0f}:center:white", text)],
        )
    )
    page.boxes.append(
        Box((m, y0 + h * 0.68, page.w - m, y1 - 2), [(f"furn:{h * 0.16:.1f}:center:white", sub)])
    )


def barcode(page: Page, x0, y0, w, h, seed):
    r = random.Random(seed)
    x = x0
    while x < x0 + w - 2:
        bw = r.choice([0.7, 0.7, 1.2, 1.8, 2.4])
        page.rects.append(((x, y0, x + bw, y0 + h), "none", "#000000", 0))
        x += bw + r.choice([0.7, 1.0, 1.6])
    page.boxes.append(
        Box(
            (x0, y0 + h + 1, x0 + w, y0 + h + 9),
            [("furn:6.5:center", f"CN33-0{r.randint(100, 999)} 国内统一刊号")],
        )
    )


def advert(page: Page, rect, title, lines, phone, color):
    x0, y0, x1, y1 = rect
    page.rects.append((rect, color, "#fff4d6", 1.5))
    w = x1 - x0
    h = y1 - y0
    page.boxes.append(
        Box(
            (x0 + 6, y0 + h * 0.08, x1 - 6, y0 + h * 0.08 + w / len(title) * 1.25),
            [(f"ad:{min(48, w / len(title) * 0.9):.0f}:center:{color}", title)],
        )
    )
    yy = y0 + h * 0.08 + w / len(title) * 1.3
    for ln in lines:
        page.boxes.append(Box((x0 + 6, yy, x1 - 6, yy + 20), [("furn:13:center", ln)]))
        yy += 20
    page.rects.append(((x0 + 10, y1 - h * 0.26, x1 - 10, y1 - 10), "none", color, 0))
    page.boxes.append(
        Box(
            (x0 + 10, y1 - h * 0.24, x1 - 10, y1 - 12),
            [(f"ad:{min(26, h * 0.1):.0f}:center:white", "订购热线 " + phone)],
        )
    )


# --------------------------------------------------------------------------------------------
# ODF output
# --------------------------------------------------------------------------------------------

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"'
)

TEXTBOX = (
    'draw:stroke="none" draw:fill="none" draw:auto-grow-height="false" '
    'draw:auto-grow-width="false" fo:min-height="0pt" fo:padding-top="0pt" '
    'fo:padding-bottom="0pt" fo:padding-left="0pt" fo:padding-right="0pt" '
    'draw:textarea-vertical-align="top" draw:textarea-horizontal-align="justify" '
    'draw:fit-to-size="false" draw:shadow="hidden"'
)


class Doc:
    """One .fodg with any number of pages (all the same size)."""

    def __init__(self, width, height, style: Style):
        self.w, self.h, self.st = width, height, style
        self.pstyles: dict[str, str] = {}
        self.gstyles: dict[str, str] = {}
        self.pages: list[str] = []

    def pstyle(self, key: str) -> str:
        if key in self.pstyles:
            return self.pstyles[key]
        name = f"P{len(self.pstyles) + 1}"
        st = self.st
        parts = key.split(":")
        kind = parts[0]
        color = "#000000"
        weight = "normal"
        align = "justify"
        indent = 0.0
        last = ""
        if kind in (
            "body",
            "bodycont",
            "bodyj",
            "bodycontj",
            "comment",
            "commentcont",
            "commentj",
            "commentcontj",
        ):
            comment = kind.startswith("comment")
            font = HEI if comment else st.body_font
            size = st.body_size
            lh = f'fo:line-height="{st.body_size * st.leading:.2f}pt"'
            if "cont" not in kind:
                indent = 2 * size
            if kind.endswith("j"):
                last = 'fo:text-align-last="justify"'
        else:
            size = float(parts[1])
            lh = (
                f'fo:line-height="{size * 1.22:.2f}pt"'
                if kind in ("hl", "hl2", "vhl", "slogan", "ad")
                else ""
            )
            if kind == "cap":
                font, lh = SANS, f'fo:line-height="{size * 1.35:.2f}pt"'
            elif kind in ("hl", "vhl"):
                font = st.hl_font
                weight = "bold" if st.hl_bold else "normal"
            elif kind == "hl2":
                font, weight = (SERIF, "bold") if st.hl_font != SERIF else (SANS, "bold")
            elif kind == "kick":
                font = SANS if st.hl_font != SANS else SERIF
            elif kind == "sub":
                font = SANS
            elif kind in ("slogan", "ad"):
                font, weight = HEI, "normal"
            else:
                font = SANS
            align = (
                parts[2]
                if len(parts) > 2
                else ("left" if kind in ("kick", "sub", "cap") else "left")
            )
            if kind == "hl" and len(parts) == 3:
                align = parts[2]
            if len(parts) > 3:
                color = {"white": "#ffffff"}.get(parts[3], parts[3])
            if kind in ("kick", "sub") and st.hl_align == "center":
                align = "center"
        align = {"left": "start", "right": "end"}.get(align, align)
        self.pstyles[key] = name
        self._pxml = getattr(self, "_pxml", [])
        self._pxml.append(
            f'<style:style style:name="{name}" style:family="paragraph">'
            f'<style:paragraph-properties fo:text-align="{align}" {last} {lh} '
            f'style:punctuation-wrap="simple" '
            f'fo:text-indent="{indent:g}pt" fo:margin-top="0pt" fo:margin-bottom="0pt" '
            f'fo:margin-left="0pt" fo:margin-right="0pt"/>'
            f'<style:text-properties style:font-name="{font}" fo:font-family="\'{font}\'" '
            f'fo:font-size="{size:g}pt" fo:font-weight="{weight}" fo:color="{color}" '
            f'style:font-name-asian="{font}" style:font-family-asian="\'{font}\'" '
            f'style:font-size-asian="{size:g}pt" style:font-weight-asian="{weight}" '
            f'fo:language="en" fo:country="US" style:language-asian="zh" '
            f'style:country-asian="CN"/></style:style>'
        )
        return name

    def gstyle(self, key: str, xml: str) -> str:
        if key not in self.gstyles:
            self.gstyles[key] = (f"gr{len(self.gstyles) + 1}", xml)
        return self.gstyles[key][0]

    @staticmethod
    def pt(v):
        return f"{v:.3f}pt"

    def add_page(self, boxes, images=(), lines=(), rects=()):
        out = []
        z = 0
        for (x0, y0, x1, y1), stroke, fill, sw in rects:
            g = self.gstyle(
                f"rect:{stroke}:{fill}:{sw}",
                "<style:graphic-properties "
                f'draw:stroke="{"none" if stroke == "none" else "solid"}" '
                f'svg:stroke-color="{stroke if stroke != "none" else "#000000"}" '
                f'svg:stroke-width="{sw}pt" draw:fill="{"none" if fill == "none" else "solid"}" '
                f'draw:fill-color="{fill if fill != "none" else "#ffffff"}" draw:shadow="hidden"/>',
            )
            out.append(
                f'<draw:rect draw:style-name="{g}" draw:z-index="{z}" svg:x="{self.pt(x0)}" '
                f'svg:y="{self.pt(y0)}" svg:width="{self.pt(x1 - x0)}" '
                f'svg:height="{self.pt(y1 - y0)}"/>'
            )
            z += 1
        for x0, y0, x1, y1, w, color in lines:
            g = self.gstyle(
                f"line:{w}:{color}",
                f'<style:graphic-properties draw:stroke="solid" svg:stroke-width="{w}pt" '
                f'svg:stroke-color="{color}" draw:shadow="hidden"/>',
            )
            out.append(
                f'<draw:line draw:style-name="{g}" draw:z-index="{z}" svg:x1="{self.pt(x0)}" '
                f'svg:y1="{self.pt(y0)}" svg:x2="{self.pt(x1)}" svg:y2="{self.pt(y1)}"/>'
            )
            z += 1
        for (x0, y0, x1, y1), im, clip in images:
            buf = io.BytesIO()
            im.save(buf, "JPEG", quality=62, dpi=(PHOTO_DPI, PHOTO_DPI))
            data = base64.b64encode(buf.getvalue()).decode()
            t, r, b, l_ = clip
            g = self.gstyle(
                f"img:{len(self.gstyles)}",
                f'<style:graphic-properties draw:stroke="none" draw:fill="none" '
                f'fo:clip="rect({t:.3f}pt, {r:.3f}pt, {b:.3f}pt, {l_:.3f}pt)" '
                f'draw:shadow="hidden"/>',
            )
            out.append(
                f'<draw:frame draw:style-name="{g}" draw:z-index="{z}" svg:x="{self.pt(x0)}" '
                f'svg:y="{self.pt(y0)}" svg:width="{self.pt(x1 - x0)}" '
                f'svg:height="{self.pt(y1 - y0)}"><draw:image draw:mime-type="image/jpeg">'
                f"<office:binary-data>{data}</office:binary-data></draw:image></draw:frame>"
            )
            z += 1
        for box in boxes:
            x0, y0, x1, y1 = box.rect
            g = self.gstyle(
                "vbox" if box.vertical else "box",
                f"<style:graphic-properties {TEXTBOX}/>"
                + (
                    '<style:paragraph-properties style:writing-mode="tb-rl"/>'
                    if box.vertical
                    else ""
                ),
            )
            paras = "".join(
                f'<text:p text:style-name="{self.pstyle(k)}">'
                f"{escape(t).replace(chr(10), '<text:line-break/>')}</text:p>"
                for k, t in box.paras
            )
            out.append(
                f'<draw:frame draw:style-name="{g}" draw:z-index="{z}" svg:x="{self.pt(x0)}" '
                f'svg:y="{self.pt(y0)}" svg:width="{self.pt(x1 - x0)}" '
                f'svg:height="{self.pt(y1 - y0)}"><draw:text-box>{paras}</draw:text-box>'
                f"</draw:frame>"
            )
            z += 1
        self.pages.append("".join(out))

    def xml(self) -> str:
        fonts = "".join(
            f'<style:font-face style:name="{f}" svg:font-family="\'{f}\'"/>'
            for f in (SERIF, SANS, HEI)
        )
        gs = "".join(
            f'<style:style style:name="{n}" style:family="graphic">{x}</style:style>'
            for n, x in self.gstyles.values()
        )
        pages = "".join(
            f'<draw:page draw:name="page{i + 1}" draw:style-name="dp1" '
            f'draw:master-page-name="Default">{p}</draw:page>'
            for i, p in enumerate(self.pages)
        )
        return (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<office:document {NS} office:version="1.3" '
            'office:mimetype="application/vnd.oasis.opendocument.graphics">'
            f"<office:font-face-decls>{fonts}</office:font-face-decls>"
            '<office:styles><style:default-style style:family="graphic"/></office:styles>'
            "<office:automatic-styles>"
            '<style:page-layout style:name="PM1"><style:page-layout-properties '
            f'fo:page-width="{self.w}pt" fo:page-height="{self.h}pt" fo:margin-top="0pt" '
            'fo:margin-bottom="0pt" fo:margin-left="0pt" fo:margin-right="0pt" '
            'style:print-orientation="portrait"/></style:page-layout>'
            '<style:style style:name="dp1" style:family="drawing-page">'
            '<style:drawing-page-properties draw:fill="none"/></style:style>'
            f"{gs}{''.join(getattr(self, '_pxml', []))}</office:automatic-styles>"
            '<office:master-styles><style:master-page style:name="Default" '
            'style:page-layout-name="PM1" draw:style-name="dp1"/></office:master-styles>'
            f"<office:body><office:drawing>{pages}</office:drawing></office:body>"
            "</office:document>"
        )


def soffice_pdf(fodg_text: str, workdir: str, stem: str) -> str:
    src = os.path.join(workdir, stem + ".fodg")
    with open(src, "w", encoding="utf-8") as fh:
        fh.write(fodg_text)
    profile = os.path.join(workdir, "profile")
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            workdir,
            src,
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    pdf = os.path.join(workdir, stem + ".pdf")
    if not os.path.exists(pdf):
        raise RuntimeError(f"soffice did not write {pdf}")
    return pdf


def lo_version() -> str:
    out = subprocess.run(["soffice", "--version"], capture_output=True, text=True).stdout
    m = re.search(r"LibreOffice ([0-9.]+)", out)
    return f"LibreOffice {m.group(1)}" if m else "LibreOffice"


def printed_chars(pdf_page):
    """[(char, (x0, y0, x1, y1) top-left origin)] for the non-space printed chars."""
    tp = pdf_page.get_textpage()
    h = pdf_page.get_height()
    out = []
    n = tp.count_chars()
    text = tp.get_text_range(0, n)
    for i in range(min(n, len(text))):
        ch = text[i]
        if ch.isspace() or ch == "\ufffe":
            continue
        left, bottom, right, top = tp.get_charbox(i)
        if right - left <= 0 and top - bottom <= 0:
            continue
        out.append((ch, (left, h - top, right, h - bottom)))
    return out


# --------------------------------------------------------------------------------------------
# Body splitting
# --------------------------------------------------------------------------------------------


def split_bodies(pages: list[Page], workdir: str):
    """Measure every body in a single column of its width, then distribute over its columns."""
    specs = [b for p in pages for b in p.bodies]
    by_style: dict = {}
    for p in pages:
        for b in p.bodies:
            by_style.setdefault(id(p.st), (p.st, []))[1].append((p, b))
    for st, items in by_style.values():
        doc = Doc(800, 6000, st)
        for _p, b in items:
            w = b.cols[0][2] - b.cols[0][0]
            doc.add_page([Box((20, 20, 20 + w, 5980), [(b.pstyle, t) for t in b.paras])])
        pdf = soffice_pdf(doc.xml(), workdir, f"measure-{st.name}")
        pdoc = pdfium.PdfDocument(pdf)
        for n, (p, b) in enumerate(items):
            chars = printed_chars(pdoc[n])
            distribute(p, b, chars)
        pdoc.close()
    return specs


def distribute(page: Page, b: BodySpec, chars):
    src = "\n".join(b.paras)
    idx = [i for i, ch in enumerate(src) if not ch.isspace()]
    got = [c for c, _ in chars]
    want = [src[i] for i in idx]
    # map printed chars to source positions (extraction may differ, e.g. for "……")
    sm = difflib.SequenceMatcher(None, got, want, autojunk=False)
    mapped: list = [None] * len(got)
    for blk in sm.get_matching_blocks():
        for k in range(blk.size):
            mapped[blk.a + k] = idx[blk.b + k]
    if sum(m is not None for m in mapped) < 0.98 * len(want):
        raise RuntimeError(f"{b.key}: printed text differs from source ({len(got)} vs {len(want)})")
    # a new line starts where the pen moves back to the left, or (after a short last line of
    # a paragraph) where a glyph lies wholly below the glyphs of the current line
    starts, prev_x, band, pending = [], None, None, False
    for (_c, box), si in zip(chars, mapped, strict=True):
        if prev_x is None or box[0] < prev_x - 1.0 or box[1] > band - 0.5:
            pending = True
            band = box[3]
        band = max(band, box[3])
        prev_x = box[0]
        if pending and si is not None:
            starts.append(si)
            pending = False
    lead = page.st.body_size * page.st.leading
    caps = [max(0, int((c[3] - c[1] + 0.01) // lead)) for c in b.cols]
    total = sum(caps)
    if len(starts) <= total:
        raise RuntimeError(f"{b.key}: not enough text ({len(starts)} lines for {total})")
    limit = starts[total]  # first source index that would not fit
    cut = max(
        i for i in range(limit) if src[i] in "。！？" or (src[i] == "”" and src[i - 1] in "。！？")
    )
    src = src[: cut + 1]
    boxes = []
    line = 0
    for col, cap in zip(b.cols, caps, strict=True):
        if line >= len(starts) or starts[line] > cut:
            break
        a = starts[line]
        e = (
            starts[line + cap]
            if line + cap < len(starts) and starts[line + cap] <= cut
            else len(src)
        )
        piece = src[a:e]
        line += cap
        paras = []
        segs = piece.split("\n")
        for k, seg in enumerate(segs):
            if not seg:
                continue
            cont = k == 0 and a > 0 and src[a - 1] != "\n"
            broken = k == len(segs) - 1 and e < len(src) and src[e - 1] != "\n"
            kind = b.pstyle + ("cont" if cont else "") + ("j" if broken else "")
            paras.append((kind, seg))
        boxes.append(Box(col, paras, name=b.key))
    page.boxes.extend(boxes)


# --------------------------------------------------------------------------------------------
# Ground truth
# --------------------------------------------------------------------------------------------


def inside(c, r, pad=0.8):
    x = (c[0] + c[2]) / 2
    y = (c[1] + c[3]) / 2
    return r[0] - pad <= x <= r[2] + pad and r[1] - pad <= y <= r[3] + pad


def check_bodies(page: Page, chars):
    """Every body column printed whole and inside its box (nothing overflowed)."""
    lead = page.st.body_size * page.st.leading
    for b in page.boxes:
        if not b.name:
            continue
        n_in = sum(1 for c in chars if inside(c[1], b.rect, pad=0.5))
        n_src = sum(len("".join(t.split())) for _, t in b.paras)
        below = [
            c
            for c in chars
            if b.rect[0] <= (c[1][0] + c[1][2]) / 2 <= b.rect[2]
            and b.rect[3] < (c[1][1] + c[1][3]) / 2 < b.rect[3] + lead
        ]
        if abs(n_in - n_src) > 2 or below:
            raise RuntimeError(f"{page.name} {b.name}: column overflow ({n_in} of {n_src})")


def truth_for(page: Page, pdf_page):
    chars = printed_chars(pdf_page)
    check_bodies(page, chars)
    stories = []
    for st in page.stories:
        xs = []
        for r in st.frames:
            xs += [c[1] for c in chars if inside(c[1], r)]
        xs += list(st.images)
        if not xs:
            raise RuntimeError(f"{page.name}: nothing printed for {st.title}")
        bbox = [
            round(min(b[0] for b in xs), 1),
            round(min(b[1] for b in xs), 1),
            round(max(b[2] for b in xs), 1),
            round(max(b[3] for b in xs), 1),
        ]
        entry = {"title": st.title, "byline": st.byline, "bbox": bbox}
        if st.inside:
            entry["inside"] = st.inside
        if st.polygon_cols:
            entry["polygon"] = l_polygon(st, chars, bbox)
        stories.append(entry)
    return stories


def l_polygon(st: Story, chars, bbox):
    """Outline of an L: full-height part on the left, short part at top right."""
    tall, short = st.polygon_cols
    ys = [c[1][3] for c in chars if inside(c[1], short)]
    y_short = round(max(ys), 1)
    xs = round(short[0] - 1, 1)
    x0, y0, x1, y1 = bbox
    return [[x0, y0], [x1, y0], [x1, y_short], [xs, y_short], [xs, y1], [x0, y1]]


# --------------------------------------------------------------------------------------------
# The six pages
# --------------------------------------------------------------------------------------------

BROAD = (992.0, 1417.0)  # 350 x 500 mm
TABLOID = (737.0, 1020.0)  # 260 x 360 mm

STYLE_A = Style("A", SERIF, 9.0, 1.42, SANS, True, "left", 8, 5.0, 36.0, True, "#b5121b")
STYLE_B = Style("B", SANS, 8.5, 1.45, SERIF, True, "center", 5, 4.0, 30.0, False, "#0b4f8a")
STYLE_C = Style("C", SERIF, 8.0, 1.5, HEI, False, "left", 8, 3.5, 28.0, True, "#1d6b3a")


def page01():
    """Broadsheet, style A (8 cols, serif body, sans bold headlines), rules between stories."""
    p = Page("page01", *BROAD, STYLE_A, 101)
    y = banner(
        p, "A01", "要闻", "2026年5月20日  星期三  农历四月初四", "责任编辑 王晓岚  版式设计 李青"
    )
    slogan(p, y + 4, y + 64, "奋进新征程  建功新时代", "深入实施“八八战略”  奋力打造共同富裕示范区")
    y = y + 74
    # lead story cols 0-6 with nested short comment in the lower right corner
    lead = std_story(
        p, 0, 6, y, 640, hl_size=40, kicker=True, sub=True, photo=(0, 4, 190), topic=TOPICS[0]
    )
    # shorten body columns 4,5 to leave room for the comment box
    box_top = 500
    cols = p.bodies[-1].cols
    old = list(cols)
    for i, c in enumerate(cols):
        if c[0] >= p.cx(4) - 1:
            cols[i] = (c[0], c[1], c[2], box_top - 8)
    lead.frames = [f for f in lead.frames if f not in old] + cols
    bx0, bx1 = p.span(4, 6)
    p.rects.append(((bx0, box_top, bx1, 640), "#b5121b", "#fdf1ec", 0.8))
    com = Story(title=SHORT_COMMENTS[0][0], inside=lead.title)
    line_box(p, bx0 + 6, bx1 - 6, box_top + 6, "【短评】", "kick", 9)
    hb = headline_box(p, bx0 + 6, bx1 - 6, box_top + 20, com.title, 15, "hl2")
    com.frames += [p.boxes[-2].rect, p.boxes[-1].rect]
    w = (bx1 - bx0 - 12 - 4) / 2
    ccols = [(bx0 + 6, hb + 4, bx0 + 6 + w, 632), (bx0 + 10 + w, hb + 4, bx1 - 6, 632)]
    text = SHORT_COMMENTS[0][1]
    p.bodies.append(BodySpec(f"{p.name}-b{len(p.bodies)}", [text * 3], ccols, "comment"))
    com.frames += ccols
    p.stories.append(com)
    # right rail
    std_story(p, 6, 8, y, 400, hl_size=20, sub=True)
    std_story(p, 6, 8, 412, 640, hl_size=20)
    rule(p, p.cx(6) - 2.5, y, p.cx(6) - 2.5, 640)
    rule(p, p.cx(6), 406, p.w - p.st.margin, 406)
    rule(p, p.st.margin, 650, p.w - p.st.margin, 650)
    # second row
    std_story(p, 0, 3, 660, 1000, hl_size=24, photo=(0, 3, 130))
    std_story(p, 3, 8, 660, 860, hl_size=28, kicker=True)
    std_story(p, 3, 8, 872, 1000, hl_size=22, english=True, byline=False)
    rule(p, p.cx(3) - 2.5, 660, p.cx(3) - 2.5, 1000)
    rule(p, p.cx(3), 866, p.w - p.st.margin, 866)
    rule(p, p.st.margin, 1010, p.w - p.st.margin, 1010)
    # third row
    std_story(p, 0, 4, 1020, 1360, hl_size=26, sub=True, photo=(2, 4, 120))
    std_story(p, 4, 6, 1020, 1360, hl_size=20)
    std_story(p, 6, 8, 1020, 1290, hl_size=20)
    rule(p, p.cx(4) - 2.5, 1020, p.cx(4) - 2.5, 1360)
    rule(p, p.cx(6) - 2.5, 1020, p.cx(6) - 2.5, 1360)
    barcode(p, p.cx(6) + 20, 1300, p.colw * 2 - 40, 42, 5)
    folio(p, "A01", "青溪日报", "2026年5月20日")
    return p


def page02():
    """Tabloid, style B (5 cols, sans body, centred serif bold headlines), whitespace only;
    an L-shaped story with an in-column photo and a vertical headline."""
    p = Page("page02", *TABLOID, STYLE_B, 202)
    y = banner(p, "A05", "城市·民生", "2026年5月21日  星期四", "责任编辑 陈思远  美编 周颖")
    # L-shaped: cols 0-2 tall, col 3... headline over 0-3, col 3 short
    t = p.topic()
    st = Story(title=t[0])
    x0, x1 = p.span(0, 4)
    hb = headline_box(p, x0, x1, y + 6, t[0], 30, "hl")
    st.frames.append(p.boxes[-1].rect)
    top = hb + 6
    px0, px1 = p.span(0, 1)
    pb = place_photo(
        p, (px0, top, px1, top + 120), f"图为{p.rng.choice(PLACES)}一景。（{p.writer.name()} 摄）"
    )
    st.images.append((px0, top, px1, top + 120))
    st.frames.append(p.boxes[-1].rect)
    tall_bottom, short_bottom = 620, 400
    cols = [(px0, pb + 6, px1, tall_bottom)]
    for c in (1, 2):
        a, b = p.span(c, c + 1)
        cols.append((a, top, b, tall_bottom))
    a, b = p.span(3, 4)
    cols.append((a, top, b, short_bottom))
    st.byline, prefix = p.writer.byline()
    body_columns(p, st, cols, prefix=prefix, topic=t)
    st.polygon_cols = [(x0, y, p.span(2, 3)[1], tall_bottom), cols[-1]]
    p.stories.append(st)
    # small story under the short column
    std_story(p, 3, 4, short_bottom + 16, tall_bottom, hl_size=16)
    # vertical headline story in col 4
    t = take_topic("桃源村古戏台修缮完工")
    vx0, vx1 = p.span(4, 5)
    vs = Story(title="古村焕新颜")
    p.boxes.append(
        Box((vx1 - 34, y + 8, vx1, y + 8 + 5 * 28 * 1.1 + 6), [("vhl:28", vs.title)], vertical=True)
    )
    vs.frames.append(p.boxes[-1].rect)
    vcols = [(vx0, y + 8, vx1 - 40, tall_bottom)]
    vs.byline, prefix = p.writer.byline()
    body_columns(p, vs, vcols, prefix=prefix, topic=t)
    p.stories.append(vs)
    # bottom half
    std_story(p, 0, 3, 640, 980, hl_size=24, kicker=True, sub=True, photo=(1, 3, 110))
    std_story(p, 3, 5, 640, 800, hl_size=20)
    advert(
        p,
        (p.cx(3), 815, p.w - p.st.margin, 985),
        "鲜果季 一元抢鲜",
        ["石门杨梅 当天采摘当天发货", "满99元包邮 会员再享9折"],
        "400-618-5520",
        "#d4380d",
    )
    folio(p, "A05", "青溪日报·城市民生", "2026年5月21日")
    return p


def page03():
    """Broadsheet, style C (8 cols, serif 8pt body, SimHei headlines), rules; framed story,
    an English word in a headline, an ad, photo news."""
    p = Page("page03", *BROAD, STYLE_C, 303)
    y = banner(p, "A03", "区县新闻", "2026年5月22日  星期五", "责任编辑 黄一鸣  版式 冯婷婷")
    g2 = p.st.gutter / 2
    std_story(p, 0, 6, y + 6, 560, hl_size=36, kicker=True, sub=True, photo=(0, 3, 200))
    std_story(p, 6, 8, y + 6, 330, hl_size=22)
    std_story(p, 6, 8, 342, 560, hl_size=22, english=True)
    rule(p, p.cx(6) - g2, y + 6, p.cx(6) - g2, 560)
    rule(p, p.cx(6), 336, p.w - p.st.margin, 336)
    rule(p, p.st.margin, 570, p.w - p.st.margin, 570)
    # framed story cols 0-4
    fx0, fx1 = p.span(0, 4)
    p.rects.append(((fx0, 582, fx1, 900), "#1d6b3a", "none", 1.2))
    std_story(p, 0, 4, 590, 892, hl_size=24, sub=True, inset=8)
    std_story(p, 4, 8, 582, 900, hl_size=26, photo=(5, 8, 150))
    rule(p, p.cx(4) - g2, 582, p.cx(4) - g2, 900)
    rule(p, p.st.margin, 910, p.w - p.st.margin, 910)
    # photo news: big photo + caption text, short title, no byline
    t = p.topic()
    pn = Story(title=t[0])
    x0, x1 = p.span(0, 4)
    place_photo(p, (x0, 922, x1, 1140), None)
    pn.images.append((x0, 922, x1, 1140))
    hb = headline_box(p, x0, x1, 1146, t[0], 16, "hl2")
    pn.frames.append(p.boxes[-1].rect)
    cap = t[3] + t[4][0] + "（" + p.writer.name() + " 摄）"
    line_box(p, x0, x1, hb + 2, cap, "cap", 8.5, lines=math.ceil(len(cap) * 8.5 / (x1 - x0) + 0.2))
    pn.frames.append(p.boxes[-1].rect)
    p.stories.append(pn)
    rule(p, p.st.margin, 1218, p.span(0, 4)[1], 1218)
    std_story(p, 0, 4, 1228, 1380, hl_size=18)
    rule(p, p.cx(4) - g2, 922, p.cx(4) - g2, 1380)
    advert(
        p,
        (p.cx(4) + 4, 922, p.w - p.st.margin, 1380),
        "城西里 · 湖景洋房",
        ["建面约98-143㎡ 三房四房", "地铁口 名校旁 精装交付", "首付低至30万起"],
        "0576-8868 9999",
        "#1d6b3a",
    )
    folio(p, "A03", "青溪日报", "2026年5月22日")
    return p


def page04():
    """Tabloid, style A variant (6 cols, serif body, purple accent), rules between stories."""
    st_ = Style("A2", SERIF, 8.5, 1.45, SANS, True, "left", 6, 4.0, 28.0, True, "#7a1f9b")
    p = Page("page04", *TABLOID, st_, 404)
    y = banner(p, "B02", "文化·旅游", "2026年5月23日  星期六", "责任编辑 许静  美编 曹宇航")
    std_story(p, 0, 4, y + 6, 470, hl_size=32, kicker=True, photo=(0, 4, 150))
    std_story(p, 4, 6, y + 6, 470, hl_size=20, sub=True)
    rule(p, p.cx(4) - 2, y + 6, p.cx(4) - 2, 470)
    rule(p, p.st.margin, 480, p.w - p.st.margin, 480)
    std_story(p, 0, 2, 490, 980, hl_size=20, photo=(0, 2, 110))
    std_story(p, 2, 6, 490, 720, hl_size=24, sub=True)
    std_story(p, 2, 4, 732, 980, hl_size=18)
    std_story(p, 4, 6, 732, 980, hl_size=18, english=True)
    rule(p, p.cx(2) - 2, 490, p.cx(2) - 2, 980)
    rule(p, p.cx(2), 726, p.w - p.st.margin, 726)
    rule(p, p.cx(4) - 2, 732, p.cx(4) - 2, 980)
    folio(p, "B02", "青溪日报·文化旅游", "2026年5月23日")
    return p


def page05():
    """Broadsheet, style B variant (7 cols, sans body), whitespace only; slogan band, ad."""
    st_ = Style("B2", SANS, 9.5, 1.4, SERIF, True, "center", 7, 6.0, 34.0, False, "#0b4f8a")
    p = Page("page05", *BROAD, st_, 505)
    y = banner(p, "A06", "经济", "2026年5月24日  星期日", "责任编辑 罗振华  美编 梁子涵")
    std_story(p, 0, 5, y + 8, 560, hl_size=38, kicker=True, sub=True, photo=(2, 5, 200))
    std_story(p, 5, 7, y + 8, 330, hl_size=22)
    std_story(p, 5, 7, 350, 560, hl_size=22, sub=True)
    slogan(p, 578, 630, "节约用水  从我做起", "青溪县水利局  宣")
    std_story(p, 0, 3, 650, 1000, hl_size=24, photo=(0, 3, 140))
    std_story(p, 3, 7, 650, 830, hl_size=26, english=True)
    std_story(p, 3, 5, 850, 1100, hl_size=20)
    std_story(p, 5, 7, 850, 1100, hl_size=20)
    std_story(p, 0, 3, 1020, 1370, hl_size=22, sub=True)
    advert(
        p,
        (p.cx(3), 1120, p.w - p.st.margin, 1370),
        "家电以旧换新 最高补贴2000元",
        ["空调 冰箱 洗衣机 全场联保", "5月25日至6月18日"],
        "0576-8321 6688",
        "#c8102e",
    )
    folio(p, "A06", "青溪日报·经济", "2026年5月24日")
    return p


def page06():
    """Tabloid, style C (6 cols, SimHei headlines), rules; a framed story with a tinted
    background, a two-line headline in a narrow rail, photo stories."""
    st_ = Style("C2", SERIF, 9.0, 1.45, HEI, False, "left", 6, 4.0, 30.0, True, "#1d6b3a")
    p = Page("page06", *TABLOID, st_, 606)
    y = banner(p, "A08", "社会·法治", "2026年5月25日  星期一", "责任编辑 孙慧  版式 唐伟")
    g2 = p.st.gutter / 2
    std_story(p, 0, 4, y + 6, 430, hl_size=30, kicker=True, sub=True, photo=(2, 4, 140))
    std_story(p, 4, 6, y + 6, 430, hl_size=24)  # narrow: headline wraps to two lines
    rule(p, p.cx(4) - g2, y + 6, p.cx(4) - g2, 430)
    rule(p, p.st.margin, 440, p.w - p.st.margin, 440)
    fx0, fx1 = p.span(0, 3)
    p.rects.append(((fx0, 452, fx1, 720), "#1d6b3a", "#eef6f0", 1.0))
    std_story(p, 0, 3, 460, 712, hl_size=20, inset=7)
    std_story(p, 3, 6, 452, 720, hl_size=22, photo=(3, 6, 120))
    rule(p, p.cx(3) - g2, 452, p.cx(3) - g2, 720)
    rule(p, p.st.margin, 730, p.w - p.st.margin, 730)
    std_story(p, 0, 3, 740, 980, hl_size=20, sub=True)
    std_story(p, 3, 6, 740, 980, hl_size=20)
    rule(p, p.cx(3) - g2, 740, p.cx(3) - g2, 980)
    folio(p, "A08", "青溪日报·社会法治", "2026年5月25日")
    return p


PAGES = [page01, page02, page03, page04, page05, page06]


def check_fonts():
    """LibreOffice substitutes missing fonts silently; refuse to build with the wrong ones."""
    have = subprocess.run(
        ["fc-list", ":lang=zh", "family", "style"], capture_output=True, text=True
    ).stdout
    for family, style in ((SERIF, "Bold"), (SANS, "Bold"), (SERIF, "Regular"), (HEI, "")):
        if not any(family in ln and style in ln for ln in have.splitlines()):
            raise SystemExit(f"font missing: {family} {style} (see the module docstring)")


def build(out_dir: str, preview: str | None = None):
    check_fonts()
    os.makedirs(out_dir, exist_ok=True)
    version = lo_version()
    work = tempfile.mkdtemp(prefix="lo_pages_")
    try:
        reset_pool()
        pages = [f() for f in PAGES]
        split_bodies(pages, work)
        for p in pages:
            doc = Doc(p.w, p.h, p.st)
            doc.add_page(p.boxes, p.images, p.lines, p.rects)
            pdf = soffice_pdf(doc.xml(), work, p.name)
            pdoc = pdfium.PdfDocument(pdf)
            stories = truth_for(p, pdoc[0])
            pdoc.close()
            dst = os.path.join(out_dir, p.name + ".pdf")
            shutil.copyfile(pdf, dst)
            with open(dst, "rb") as fh:
                sha = hashlib.sha256(fh.read()).hexdigest()
            truth = {
                "_about": (
                    "Generated by bench/epaper_tools/libreoffice_pages.py: a newspaper page "
                    "laid out as a LibreOffice Draw document and exported by soffice. Ground "
                    "truth comes from the generator's own placements: each story's bbox is the "
                    "union of the glyph boxes printed inside its own text boxes (read back from "
                    "the PDF) and the visible (clipped) rectangles of its photos. Furniture "
                    "(版头, slogan band, ad, barcode, folio) is not a story."
                ),
                "pdf": p.name + ".pdf",
                "sha256": sha,
                "page": 0,
                "layout_system": version,
                "stories": stories,
            }
            with open(os.path.join(out_dir, p.name + ".json"), "w", encoding="utf-8") as fh:
                json.dump(truth, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
            if preview:
                draw_preview(dst, stories, os.path.join(preview, p.name + ".png"))
            print(f"{p.name}: {len(stories)} stories", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def draw_preview(pdf, stories, png):
    os.makedirs(os.path.dirname(png), exist_ok=True)
    doc = pdfium.PdfDocument(pdf)
    scale = 1.3
    im = doc[0].render(scale=scale).to_pil().convert("RGB")
    d = ImageDraw.Draw(im)
    for i, s in enumerate(stories):
        col = [(230, 0, 0), (0, 150, 0), (0, 0, 230), (200, 0, 200), (0, 160, 160)][i % 5]
        x0, y0, x1, y1 = (v * scale for v in s["bbox"])
        d.rectangle([x0, y0, x1, y1], outline=col, width=3)
        if "polygon" in s:
            d.line(
                [(x * scale, y * scale) for x, y in s["polygon"] + s["polygon"][:1]],
                fill=(255, 140, 0),
                width=2,
            )
    im.save(png)
    doc.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=DEFAULT_OUT)
    ap.add_argument("--preview", default=None)
    a = ap.parse_args()
    build(a.out, a.preview)


if __name__ == "__main__":
    main()
