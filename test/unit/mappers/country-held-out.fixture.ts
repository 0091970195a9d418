/**
 * Held-out country spellings for issue 21, written by hand BEFORE any of that tuning and
 * independently of every name source the index reads or was to read (CLDR, i18n-iso-countries,
 * world-countries and the like were not consulted): official long names as foreign ministries and
 * style guides write them in 24 languages, native official names, alternative spellings in the
 * country's own language, the weak languages the issue names (Urdu, Arabic, Persian, Slovak,
 * Serbian, Korean, Turkish, Finnish, Estonian, Croatian, Chinese, Russian) and the names of the
 * French overseas territories. Spellings already written anywhere in country-data.ts or
 * country-spellings.fixture.ts were left out, so each one is new to the project.
 *
 * Do not add a spelling here because the index learnt it: these lists measure the index, and a
 * list tuned to it measures nothing. `npx tsx test/unit/mappers/country-held-out.ts` prints the figures.
 *
 * One entry per line, `CODE spelling`, under `## list name`.
 */

export interface HeldOutRow {
  list: string;
  spelling: string;
  expected: string;
}

/** Rows of `CODE spelling` lines under `## list name` headings. */
export function parseHeldOut(text: string): HeldOutRow[] {
  const rows: HeldOutRow[] = [];
  let list = '';
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    if (line.startsWith('## ')) {
      list = line.slice(3);
      continue;
    }
    const space = line.indexOf(' ');
    rows.push({ list, spelling: line.slice(space + 1), expected: line.slice(0, space) });
  }
  return rows;
}

export const HELD_OUT: readonly HeldOutRow[] = parseHeldOut(`
## official names in German
AF Islamische Republik Afghanistan
AO Republik Angola
AL Republik Albanien
DZ Demokratische Volksrepublik Algerien
AM Republik Armenien
AZ Republik Aserbaidschan
BD Volksrepublik Bangladesch
BY Republik Belarus
BO Plurinationaler Staat Bolivien
BG Republik Bulgarien
CL Republik Chile
CO Republik Kolumbien
HR Republik Kroatien
CU Republik Kuba
CY Republik Zypern
DK Königreich Dänemark
DO Dominikanische Republik
EC Republik Ecuador
EG Arabische Republik Ägypten
EE Republik Estland
ET Demokratische Bundesrepublik Äthiopien
FI Republik Finnland
GR Hellenische Republik
ID Republik Indonesien
IR Islamische Republik Iran
IQ Republik Irak
IL Staat Israel
JO Haschemitisches Königreich Jordanien
KZ Republik Kasachstan
KE Republik Kenia
KW Staat Kuwait
LV Republik Lettland
LB Libanesische Republik
LT Republik Litauen
MD Republik Moldau
MA Königreich Marokko
NO Königreich Norwegen
NG Bundesrepublik Nigeria
OM Sultanat Oman
PK Islamische Republik Pakistan
PE Republik Peru
PH Republik der Philippinen
PT Portugiesische Republik
QA Staat Katar
SA Königreich Saudi-Arabien
RS Republik Serbien
SK Slowakische Republik
SI Republik Slowenien
SE Königreich Schweden
SY Arabische Republik Syrien
TZ Vereinigte Republik Tansania
TH Königreich Thailand
UY Republik Östlich des Uruguay
VE Bolivarische Republik Venezuela
VN Sozialistische Republik Vietnam
YE Republik Jemen
## official names in French
AF République islamique d'Afghanistan
AO République d'Angola
AL République d'Albanie
DZ République algérienne démocratique et populaire
AM République d'Arménie
AZ République d'Azerbaïdjan
BD République populaire du Bangladesh
BO État plurinational de Bolivie
BG République de Bulgarie
BJ République du Bénin
KH Royaume du Cambodge
CM République du Cameroun
TD République du Tchad
CL République du Chili
CO République de Colombie
HR République de Croatie
CU République de Cuba
CY République de Chypre
CI République de Côte d'Ivoire
DK Royaume du Danemark
EG République arabe d'Égypte
EE République d'Estonie
ET République fédérale démocratique d'Éthiopie
FI République de Finlande
GA République gabonaise
GR République hellénique
GN République de Guinée
HT République d'Haïti
ID République d'Indonésie
IR République islamique d'Iran
IQ République d'Irak
IL État d'Israël
JO Royaume hachémite de Jordanie
KZ République du Kazakhstan
KE République du Kenya
KW État du Koweït
LV République de Lettonie
LB République libanaise
LT République de Lituanie
MG République de Madagascar
ML République du Mali
MA Royaume du Maroc
MR République islamique de Mauritanie
NE République du Niger
NG République fédérale du Nigeria
NO Royaume de Norvège
PK République islamique du Pakistan
PE République du Pérou
PH République des Philippines
PT République portugaise
QA État du Qatar
SA Royaume d'Arabie saoudite
SN République du Sénégal
RS République de Serbie
SK République slovaque
SI République de Slovénie
SE Royaume de Suède
SY République arabe syrienne
TZ République unie de Tanzanie
TH Royaume de Thaïlande
TG République togolaise
TN République tunisienne
VE République bolivarienne du Venezuela
VN République socialiste du Viêt Nam
## official names in Spanish
AF República Islámica de Afganistán
AO República de Angola
AL República de Albania
DZ República Argelina Democrática y Popular
AM República de Armenia
AZ República de Azerbaiyán
BD República Popular de Bangladés
BY República de Belarús
BG República de Bulgaria
CR República de Costa Rica
CU República de Cuba
HR República de Croacia
CZ República Checa
DK Reino de Dinamarca
EC República del Ecuador
EG República Árabe de Egipto
SV República de El Salvador
EE República de Estonia
FI República de Finlandia
GR República Helénica
GT República de Guatemala
HN República de Honduras
ID República de Indonesia
IR República Islámica de Irán
IQ República de Irak
IL Estado de Israel
JO Reino Hachemita de Jordania
KE República de Kenia
KW Estado de Kuwait
MA Reino de Marruecos
NI República de Nicaragua
NO Reino de Noruega
NG República Federal de Nigeria
PK República Islámica de Pakistán
PA República de Panamá
PY República del Paraguay
PH República de Filipinas
QA Estado de Catar
SA Reino de Arabia Saudita
RS República de Serbia
SK República Eslovaca
SE Reino de Suecia
SY República Árabe Siria
TH Reino de Tailandia
TZ República Unida de Tanzania
VN República Socialista de Vietnam
YE República de Yemen
## official names in Italian
AF Repubblica Islamica dell'Afghanistan
AO Repubblica dell'Angola
AL Repubblica d'Albania
DZ Repubblica Democratica Popolare di Algeria
AZ Repubblica dell'Azerbaigian
BG Repubblica di Bulgaria
CL Repubblica del Cile
CO Repubblica di Colombia
HR Repubblica di Croazia
CU Repubblica di Cuba
CZ Repubblica Ceca
DK Regno di Danimarca
EG Repubblica Araba d'Egitto
EE Repubblica di Estonia
FI Repubblica di Finlandia
GR Repubblica Ellenica
ID Repubblica di Indonesia
IR Repubblica Islamica dell'Iran
IQ Repubblica dell'Iraq
IL Stato di Israele
JO Regno Hascemita di Giordania
LV Repubblica di Lettonia
LT Repubblica di Lituania
LU Granducato di Lussemburgo
MA Regno del Marocco
NO Regno di Norvegia
PK Repubblica Islamica del Pakistan
PE Repubblica del Perù
PT Repubblica Portoghese
SA Regno dell'Arabia Saudita
RS Repubblica di Serbia
SK Repubblica Slovacca
SI Repubblica di Slovenia
SE Regno di Svezia
TZ Repubblica Unita di Tanzania
TH Regno di Thailandia
VE Repubblica Bolivariana del Venezuela
VN Repubblica Socialista del Vietnam
## official names in Portuguese
AF República Islâmica do Afeganistão
AL República da Albânia
DZ República Argelina Democrática e Popular
AM República da Armênia
AT República da Áustria
BE Reino da Bélgica
BO Estado Plurinacional da Bolívia
BG República da Bulgária
CV República de Cabo Verde
CL República do Chile
CO República da Colômbia
HR República da Croácia
CZ República Tcheca
DK Reino da Dinamarca
EG República Árabe do Egito
FI República da Finlândia
GR República Helênica
GW República da Guiné-Bissau
IN República da Índia
ID República da Indonésia
IR República Islâmica do Irã
IR República Islâmica do Irão
IQ República do Iraque
MZ República de Moçambique
NO Reino da Noruega
NL Reino dos Países Baixos
PY República do Paraguai
PE República do Peru
PL República da Polônia
SE Reino da Suécia
ST República Democrática de São Tomé e Príncipe
TL República Democrática de Timor-Leste
TZ República Unida da Tanzânia
UY República Oriental do Uruguai
VE República Bolivariana da Venezuela
ZA República da África do Sul
## official names in Dutch
AF Islamitische Republiek Afghanistan
AO Republiek Angola
AR Argentijnse Republiek
AT Republiek Oostenrijk
BG Republiek Bulgarije
BR Federatieve Republiek Brazilië
CL Republiek Chili
CZ Tsjechische Republiek
DK Koninkrijk Denemarken
EG Arabische Republiek Egypte
EE Republiek Estland
FI Republiek Finland
GR Helleense Republiek
HR Republiek Kroatië
IN Republiek India
ID Republiek Indonesië
IR Islamitische Republiek Iran
LU Groothertogdom Luxemburg
MA Koninkrijk Marokko
NO Koninkrijk Noorwegen
PL Republiek Polen
PT Portugese Republiek
SK Slowaakse Republiek
SR Republiek Suriname
SE Koninkrijk Zweden
CH Zwitserse Bondsstaat
TR Republiek Turkije
ZA Republiek Zuid-Afrika
## official names in Polish
AF Islamska Republika Afganistanu
AO Republika Angoli
AL Republika Albanii
AR Republika Argentyńska
AT Republika Austrii
BY Republika Białorusi
BE Królestwo Belgii
BR Federacyjna Republika Brazylii
BG Republika Bułgarii
HR Republika Chorwacji
CZ Republika Czeska
DK Królestwo Danii
EG Arabska Republika Egiptu
EE Republika Estońska
FI Republika Finlandii
GR Republika Grecka
IN Republika Indii
IR Islamska Republika Iranu
LT Republika Litewska
LV Republika Łotewska
MX Meksykańskie Stany Zjednoczone
NO Królestwo Norwegii
PT Republika Portugalska
SK Republika Słowacka
SI Republika Słowenii
SE Królestwo Szwecji
CH Konfederacja Szwajcarska
TR Republika Turcji
## official names in Russian
AF Исламская Республика Афганистан
AO Республика Ангола
AL Республика Албания
DZ Алжирская Народная Демократическая Республика
AR Аргентинская Республика
AM Республика Армения
AT Австрийская Республика
AZ Азербайджанская Республика
BY Республика Беларусь
BE Королевство Бельгия
BG Республика Болгария
BR Федеративная Республика Бразилия
VN Социалистическая Республика Вьетнам
GR Греческая Республика
DK Королевство Дания
EG Арабская Республика Египет
IL Государство Израиль
ID Республика Индонезия
IR Исламская Республика Иран
KZ Республика Казахстан
KG Кыргызская Республика
LV Латвийская Республика
LT Литовская Республика
MX Мексиканские Соединённые Штаты
MD Республика Молдова
NL Королевство Нидерландов
NO Королевство Норвегия
PK Исламская Республика Пакистан
PL Республика Польша
PT Португальская Республика
SA Королевство Саудовская Аравия
RS Республика Сербия
SK Словацкая Республика
SI Республика Словения
TJ Республика Таджикистан
TR Турецкая Республика
UZ Республика Узбекистан
FI Финляндская Республика
HR Республика Хорватия
CZ Чешская Республика
CH Швейцарская Конфедерация
SE Королевство Швеция
EE Эстонская Республика
ZA Южно-Африканская Республика
## official names in Japanese
AF アフガニスタン・イスラム共和国
AO アンゴラ共和国
AR アルゼンチン共和国
AT オーストリア共和国
BE ベルギー王国
BR ブラジル連邦共和国
BG ブルガリア共和国
CN 中華人民共和国
CZ チェコ共和国
DK デンマーク王国
EG エジプト・アラブ共和国
ES スペイン王国
FI フィンランド共和国
GR ギリシャ共和国
IN インド共和国
ID インドネシア共和国
IR イラン・イスラム共和国
IT イタリア共和国
KP 朝鮮民主主義人民共和国
MX メキシコ合衆国
NL オランダ王国
NO ノルウェー王国
PK パキスタン・イスラム共和国
PH フィリピン共和国
PL ポーランド共和国
PT ポルトガル共和国
SA サウジアラビア王国
SE スウェーデン王国
SG シンガポール共和国
CH スイス連邦
TH タイ王国
TR トルコ共和国
GB グレートブリテン及び北アイルランド連合王国
VN ベトナム社会主義共和国
ZA 南アフリカ共和国
## official names in Chinese (simplified)
AF 阿富汗伊斯兰共和国
AO 安哥拉共和国
AR 阿根廷共和国
AT 奥地利共和国
BE 比利时王国
BR 巴西联邦共和国
CZ 捷克共和国
DK 丹麦王国
EG 阿拉伯埃及共和国
ES 西班牙王国
FI 芬兰共和国
GR 希腊共和国
IN 印度共和国
ID 印度尼西亚共和国
IR 伊朗伊斯兰共和国
IT 意大利共和国
KP 朝鲜民主主义人民共和国
MX 墨西哥合众国
NL 荷兰王国
NO 挪威王国
PK 巴基斯坦伊斯兰共和国
PH 菲律宾共和国
PL 波兰共和国
PT 葡萄牙共和国
SA 沙特阿拉伯王国
SE 瑞典王国
SG 新加坡共和国
CH 瑞士联邦
TH 泰王国
TR 土耳其共和国
GB 大不列颠及北爱尔兰联合王国
VN 越南社会主义共和国
ZA 南非共和国
## official names in Chinese (traditional)
AF 阿富汗伊斯蘭共和國
BE 比利時王國
BR 巴西聯邦共和國
DK 丹麥王國
ES 西班牙王國
FR 法蘭西共和國
DE 德意志聯邦共和國
IT 義大利共和國
GB 大不列顛及北愛爾蘭聯合王國
US 美利堅合眾國
RU 俄羅斯聯邦
NL 荷蘭王國
SE 瑞典王國
NO 挪威王國
TH 泰王國
KP 朝鮮民主主義人民共和國
KR 大韓民國
MX 墨西哥合眾國
IN 印度共和國
PH 菲律賓共和國
SG 新加坡共和國
ZA 南非共和國
VN 越南社會主義共和國
JP 日本國
## official names in Korean
AF 아프가니스탄 이슬람 공화국
AO 앙골라 공화국
AR 아르헨티나 공화국
AT 오스트리아 공화국
BE 벨기에 왕국
BR 브라질 연방 공화국
CN 중화인민공화국
DK 덴마크 왕국
EG 이집트 아랍 공화국
ES 스페인 왕국
FI 핀란드 공화국
FR 프랑스 공화국
DE 독일 연방 공화국
GR 그리스 공화국
IN 인도 공화국
ID 인도네시아 공화국
IR 이란 이슬람 공화국
IT 이탈리아 공화국
JP 일본국
MX 멕시코 합중국
NL 네덜란드 왕국
NO 노르웨이 왕국
PK 파키스탄 이슬람 공화국
PH 필리핀 공화국
PL 폴란드 공화국
PT 포르투갈 공화국
RU 러시아 연방
SA 사우디아라비아 왕국
SE 스웨덴 왕국
CH 스위스 연방
TH 타이 왕국
TR 튀르키예 공화국
GB 그레이트브리튼 및 북아일랜드 연합왕국
US 미합중국
VN 베트남 사회주의 공화국
ZA 남아프리카 공화국
## official names in Arabic
AF جمهورية أفغانستان الإسلامية
AO جمهورية أنغولا
DZ الجمهورية الجزائرية الديمقراطية الشعبية
AR جمهورية الأرجنتين
AT جمهورية النمسا
BH مملكة البحرين
BE مملكة بلجيكا
BR جمهورية البرازيل الاتحادية
CN جمهورية الصين الشعبية
DK مملكة الدنمارك
EG جمهورية مصر العربية
FR الجمهورية الفرنسية
DE جمهورية ألمانيا الاتحادية
GR الجمهورية الهيلينية
IN جمهورية الهند
ID جمهورية إندونيسيا
IR جمهورية إيران الإسلامية
IQ جمهورية العراق
IT الجمهورية الإيطالية
JO المملكة الأردنية الهاشمية
KW دولة الكويت
LB الجمهورية اللبنانية
LY دولة ليبيا
MA المملكة المغربية
MR الجمهورية الإسلامية الموريتانية
NL مملكة هولندا
NO مملكة النرويج
OM سلطنة عمان
PK جمهورية باكستان الإسلامية
PS دولة فلسطين
QA دولة قطر
RU الاتحاد الروسي
ES مملكة إسبانيا
SD جمهورية السودان
SE مملكة السويد
SY الجمهورية العربية السورية
TN الجمهورية التونسية
TR الجمهورية التركية
AE دولة الإمارات العربية المتحدة
GB المملكة المتحدة لبريطانيا العظمى وأيرلندا الشمالية
US الولايات المتحدة الأمريكية
YE الجمهورية اليمنية
## official names in Persian
AF جمهوری اسلامی افغانستان
AO جمهوری آنگولا
AR جمهوری آرژانتین
AT جمهوری اتریش
BE پادشاهی بلژیک
BR جمهوری فدراتیو برزیل
CN جمهوری خلق چین
DK پادشاهی دانمارک
EG جمهوری عربی مصر
FR جمهوری فرانسه
DE جمهوری فدرال آلمان
IN جمهوری هند
ID جمهوری اندونزی
IR جمهوری اسلامی ایران
IQ جمهوری عراق
IT جمهوری ایتالیا
NL پادشاهی هلند
NO پادشاهی نروژ
PK جمهوری اسلامی پاکستان
RU فدراسیون روسیه
SA پادشاهی عربستان سعودی
ES پادشاهی اسپانیا
SE پادشاهی سوئد
CH کنفدراسیون سوئیس
TJ جمهوری تاجیکستان
TR جمهوری ترکیه
AE امارات متحده عربی
GB پادشاهی متحد بریتانیای کبیر و ایرلند شمالی
US ایالات متحده آمریکا
## official names in Urdu
AF اسلامی جمہوریہ افغانستان
PK اسلامی جمہوریہ پاکستان
IR اسلامی جمہوریہ ایران
IN جمہوریہ بھارت
CN عوامی جمہوریہ چین
BD عوامی جمہوریہ بنگلہ دیش
DE وفاقی جمہوریہ جرمنی
FR جمہوریہ فرانس
TR جمہوریہ ترکی
IT جمہوریہ اطالیہ
ID جمہوریہ انڈونیشیا
SA مملکت سعودی عرب
AE متحدہ عرب امارات
GB مملکت متحدہ
US ریاستہائے متحدہ امریکہ
RU روسی وفاق
ES مملکت ہسپانیہ
EG عرب جمہوریہ مصر
AO جمہوریہ انگولا
AR جمہوریہ ارجنٹائن
## official names in Turkish
AF Afganistan İslam Cumhuriyeti
AO Angola Cumhuriyeti
AR Arjantin Cumhuriyeti
AT Avusturya Cumhuriyeti
AZ Azerbaycan Cumhuriyeti
BE Belçika Krallığı
BR Brezilya Federal Cumhuriyeti
CN Çin Halk Cumhuriyeti
DK Danimarka Krallığı
EG Mısır Arap Cumhuriyeti
FR Fransa Cumhuriyeti
DE Almanya Federal Cumhuriyeti
GR Yunanistan Cumhuriyeti
IN Hindistan Cumhuriyeti
ID Endonezya Cumhuriyeti
IR İran İslam Cumhuriyeti
IQ Irak Cumhuriyeti
IT İtalya Cumhuriyeti
KZ Kazakistan Cumhuriyeti
NL Hollanda Krallığı
NO Norveç Krallığı
PK Pakistan İslam Cumhuriyeti
RU Rusya Federasyonu
SA Suudi Arabistan Krallığı
ES İspanya Krallığı
SE İsveç Krallığı
CH İsviçre Konfederasyonu
UZ Özbekistan Cumhuriyeti
GB Büyük Britanya ve Kuzey İrlanda Birleşik Krallığı
US Amerika Birleşik Devletleri
## official names in Finnish
AF Afganistanin islamilainen tasavalta
AO Angolan tasavalta
AR Argentiinan tasavalta
AT Itävallan tasavalta
BE Belgian kuningaskunta
BR Brasilian liittotasavalta
CN Kiinan kansantasavalta
CZ Tšekin tasavalta
DK Tanskan kuningaskunta
EE Viron tasavalta
EG Egyptin arabitasavalta
FR Ranskan tasavalta
DE Saksan liittotasavalta
GR Kreikan tasavalta
IN Intian tasavalta
IR Iranin islamilainen tasavalta
IT Italian tasavalta
LV Latvian tasavalta
LT Liettuan tasavalta
NL Alankomaiden kuningaskunta
NO Norjan kuningaskunta
PL Puolan tasavalta
PT Portugalin tasavalta
RU Venäjän federaatio
ES Espanjan kuningaskunta
SE Ruotsin kuningaskunta
SK Slovakian tasavalta
CH Sveitsin valaliitto
TR Turkin tasavalta
GB Ison-Britannian ja Pohjois-Irlannin yhdistynyt kuningaskunta
US Amerikan yhdysvallat
## official names in Estonian
AF Afganistani Islamivabariik
AO Angola Vabariik
AT Austria Vabariik
BE Belgia Kuningriik
BR Brasiilia Liitvabariik
CN Hiina Rahvavabariik
CZ Tšehhi Vabariik
DK Taani Kuningriik
FI Soome Vabariik
FR Prantsuse Vabariik
DE Saksamaa Liitvabariik
GR Kreeka Vabariik
IN India Vabariik
IR Iraani Islamivabariik
IT Itaalia Vabariik
LV Läti Vabariik
LT Leedu Vabariik
NL Madalmaade Kuningriik
NO Norra Kuningriik
PL Poola Vabariik
PT Portugali Vabariik
RU Venemaa Föderatsioon
ES Hispaania Kuningriik
SE Rootsi Kuningriik
CH Šveitsi Konföderatsioon
GB Suurbritannia ja Põhja-Iiri Ühendkuningriik
US Ameerika Ühendriigid
## official names in Croatian
AF Islamska Republika Afganistan
AO Republika Angola
AT Republika Austrija
BE Kraljevina Belgija
BR Savezna Republika Brazil
CN Narodna Republika Kina
CZ Češka Republika
DK Kraljevina Danska
FR Francuska Republika
DE Savezna Republika Njemačka
GR Helenska Republika
IN Republika Indija
IR Islamska Republika Iran
IT Talijanska Republika
NL Kraljevina Nizozemska
NO Kraljevina Norveška
PL Republika Poljska
PT Portugalska Republika
RU Ruska Federacija
RS Republika Srbija
SK Slovačka Republika
ES Kraljevina Španjolska
SE Kraljevina Švedska
CH Švicarska Konfederacija
GB Ujedinjeno Kraljevstvo Velike Britanije i Sjeverne Irske
US Sjedinjene Američke Države
## official names in Serbian
AF Исламска Република Авганистан
AO Република Ангола
AT Република Аустрија
BE Краљевина Белгија
BR Савезна Република Бразил
CN Народна Република Кина
DK Краљевина Данска
FR Француска Република
DE Савезна Република Немачка
GR Хеленска Република
HR Република Хрватска
IN Република Индија
IR Исламска Република Иран
IT Италијанска Република
NL Краљевина Холандија
NO Краљевина Норвешка
PL Република Пољска
RU Руска Федерација
RS Република Србија
ES Краљевина Шпанија
SE Краљевина Шведска
CH Швајцарска Конфедерација
SI Република Словенија
MK Република Северна Македонија
GB Уједињено Краљевство Велике Британије и Северне Ирске
US Сједињене Америчке Државе
DE Savezna Republika Nemačka
IT Italijanska Republika
## official names in Slovak
AF Islamská republika Afganistan
AO Angolská republika
AT Rakúska republika
BE Belgické kráľovstvo
BR Brazílska federatívna republika
CN Čínska ľudová republika
DK Dánske kráľovstvo
FR Francúzska republika
DE Nemecká spolková republika
GR Grécka republika
HR Chorvátska republika
IN Indická republika
IR Iránska islamská republika
IT Talianska republika
NL Holandské kráľovstvo
NO Nórske kráľovstvo
PL Poľská republika
PT Portugalská republika
RU Ruská federácia
SI Slovinská republika
ES Španielske kráľovstvo
SE Švédske kráľovstvo
CH Švajčiarska konfederácia
GB Spojené kráľovstvo Veľkej Británie a Severného Írska
US Spojené štáty americké
## official names in Czech
AF Islámská republika Afghánistán
AT Rakouská republika
BE Belgické království
BR Brazilská federativní republika
CN Čínská lidová republika
DK Dánské království
FR Francouzská republika
DE Spolková republika Německo
GR Řecká republika
IT Italská republika
NL Nizozemské království
NO Norské království
PL Polská republika
RU Ruská federace
ES Španělské království
SE Švédské království
CH Švýcarská konfederace
GB Spojené království Velké Británie a Severního Irska
US Spojené státy americké
## official names in Swedish, Norwegian, Danish and Hungarian
AF Islamiska republiken Afghanistan
AT Republiken Österrike
BE Konungariket Belgien
BR Förbundsrepubliken Brasilien
CN Folkrepubliken Kina
DK Konungariket Danmark
FR Franska republiken
DE Förbundsrepubliken Tyskland
IN Republiken Indien
IT Italienska republiken
NL Konungariket Nederländerna
NO Konungariket Norge
PL Republiken Polen
RU Ryska federationen
ES Konungariket Spanien
CH Schweiziska edsförbundet
GB Förenade konungariket Storbritannien och Nordirland
US Amerikas förenta stater
DE Forbundsrepublikken Tyskland
US Amerikas forente stater
US Amerikas Forenede Stater
CN Folkerepublikken Kina
GB Det forente kongerike Storbritannia og Nord-Irland
AT Osztrák Köztársaság
DE Németországi Szövetségi Köztársaság
FR Francia Köztársaság
IT Olasz Köztársaság
PL Lengyel Köztársaság
SK Szlovák Köztársaság
CN Kínai Népköztársaság
RU Oroszországi Föderáció
US Amerikai Egyesült Államok
ES Spanyol Királyság
CZ Cseh Köztársaság
HR Horvát Köztársaság
## native official names
AF د افغانستان اسلامي جمهوریت
AM Հայաստանի Հանրապետություն
AZ Azərbaycan Respublikası
BY Рэспубліка Беларусь
BD গণপ্রজাতন্ত্রী বাংলাদেশ
KH ព្រះរាជាណាចក្រកម្ពុជា
CY Κυπριακή Δημοκρατία
ET የኢትዮጵያ ፌዴራላዊ ዲሞክራሲያዊ ሪፐብሊክ
IS Lýðveldið Ísland
ID Republik Indonesia
IE Poblacht na hÉireann
IL מדינת ישראל
KZ Қазақстан Республикасы
KE Jamhuri ya Kenya
KG Кыргыз Республикасы
LA ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ
LU Groussherzogtum Lëtzebuerg
MT Repubblika ta' Malta
MD Republica Moldova
MM ပြည်ထောင်စု သမ္မတ မြန်မာနိုင်ငံတော်
NP संघीय लोकतान्त्रिक गणतन्त्र नेपाल
PH Republika ng Pilipinas
ZA Republiek van Suid-Afrika
LK ශ්‍රී ලංකා ප්‍රජාතාන්ත්‍රික සමාජවාදී ජනරජය
CH Confederaziun svizra
TJ Ҷумҳурии Тоҷикистон
TZ Jamhuri ya Muungano wa Tanzania
TM Türkmenistan
UZ Oʻzbekiston Respublikasi
GB Y Deyrnas Unedig
FO Føroyar
GL Kalaallit Nunaat
## alternative spellings in the country's own language
CZ Ceska republika
CZ Cesko
GR Elliniki Dimokratia
RU Rossiyskaya Federatsiya
BG Republika Balgariya
BG Balgariya
JP Nippon-koku
JP Nihon-koku
CN Zhongguo
CN Zhonghua Renmin Gongheguo
KR Daehan Minguk
KR Hanguk
IN Bharat Ganarajya
TH Ratcha Anachak Thai
IR Jomhuri-ye Eslami-ye Iran
EG Misr
SA Al-Mamlaka al-Arabiya as-Saudiya
AE Al Imarat
ES Reino de Espana
PE Republica del Peru
BE Belgie
LU Luxemburg
NO Noreg
IS Island
PK اسلامی جمہوریۂ پاکستان
CH Svizra
FI Suomen Tasavalta
## weak languages: Arabic, Persian and Urdu alternative spellings
AE الامارات
AE الإمارات
SA السعوديه
US امريكا
US أمريكا
US الولايات المتحدة
DE المانيا
GB بريطانيا
IR ايران
ES اسبانيا
IT ايطاليا
MY ماليزيا
TR تركيا
US آمريكا
US امریکا
GB انگلیس
DE آلمان
IN ہندوستان
US امریکہ
GB برطانیہ
SA سعودی عرب
TR ترکی
DE جرمنی
FR فرانس
RU روس
CA کینیڈا
AU آسٹریلیا
BD بنگلہ دیش
LK سری لنکا
MY ملائیشیا
ID انڈونیشیا
KW کویت
OM عمان
BH بحرین
IT اٹلی
ES سپین
NL ہالینڈ
SE سویڈن
NO ناروے
CH سوئٹزرلینڈ
## weak languages: Korean, Turkish, Finnish, Estonian, Croatian, Serbian, Slovak, Chinese and Russian alternative spellings
TH 타이
US 미국
GB 영국
DE 독일
US ABD
TR Turkiye Cumhuriyeti
GB Ingiltere
GB İngiltere
RU Rusya
GB Englanti
NL Hollanti
CZ Tshekki
CZ Tsekki
CZ Tsehhi
CH Sveits
GB Inglismaa
GB Engleska
US Америка
GB Енглеска
US САД
US SAD
DE Nemačka
GB Velika Britanija
RU Rusija
GB Anglicko
NL Holandsko
GB Anglie
US 美国
GB 英國
KR 韩国
KR 南韓
KP 北韩
KP 北韓
TW 台湾
RU 俄国
US Штаты
GB Англия
DE ФРГ
GB Великобритания
KR Южная Корея
KP Северная Корея
US Соединенные Штаты
AE ОАЭ
US Соединенные Штаты Америки
## French and other names of the French overseas territories
GF Guyane
GF Guyane française
GF Französisch-Guayana
GF Guayana Francesa
GF Guyana francese
GF Guiana Francesa
GF Frans-Guyana
GP Guadalupe
MQ Martinica
RE La Réunion
RE Île de la Réunion
RE Reunión
RE Riunione
YT Mayote
NC Nouvelle-Calédonie
NC Nueva Caledonia
NC Neukaledonien
NC Nova Caledônia
NC Nuova Caledonia
PF Polynésie française
PF Französisch-Polynesien
PF Polinesia Francesa
PF Polinesia francese
PM Saint-Pierre-et-Miquelon
PM San Pedro y Miquelón
PM Saint-Pierre und Miquelon
WF Wallis-et-Futuna
WF Wallis und Futuna
WF Wallis y Futuna
BL Saint-Barthélemy
BL San Bartolomé
MF Saint-Martin (partie française)
`);

/**
 * A second held-out set, written by hand AFTER issue 21's tuning was finished and measured once
 * on that final code, never tuned on: official names in languages the first set did not use
 * (Romanian, Indonesian and Malay, Vietnamese, Greek, Hebrew, Ukrainian, Bulgarian, Catalan,
 * Lithuanian, Latvian, Slovenian, Thai, Hindi), common names in the weak languages for countries
 * the first set did not use, and everyday French, Spanish and Portuguese forms. Spellings already
 * written in the project's data or fixtures were left out.
 */
export const HELD_OUT_AFTER_TUNING: readonly HeldOutRow[] = parseHeldOut(`
## official names in Romanian
DE Republica Federală Germania
FR Republica Franceză
IT Republica Italiană
ES Regatul Spaniei
PL Republica Polonă
HU Ungaria
BG Republica Bulgaria
AT Republica Austria
GR Republica Elenă
## official names in Indonesian and Malay
DE Republik Federal Jerman
FR Republik Prancis
NL Kerajaan Belanda
MY Persekutuan Malaysia
TH Kerajaan Thailand
PH Republik Filipina
SG Republik Singapura
IN Republik India
CN Republik Rakyat Tiongkok
JP Jepang
## official names in Vietnamese
FR Cộng hòa Pháp
DE Cộng hòa Liên bang Đức
KR Đại Hàn Dân Quốc
CN Cộng hòa Nhân dân Trung Hoa
TH Vương quốc Thái Lan
JP Nhật Bản
LA Cộng hòa Dân chủ Nhân dân Lào
KH Vương quốc Campuchia
## official names in Greek
FR Γαλλική Δημοκρατία
DE Ομοσπονδιακή Δημοκρατία της Γερμανίας
IT Ιταλική Δημοκρατία
ES Βασίλειο της Ισπανίας
US Ηνωμένες Πολιτείες της Αμερικής
GB Ηνωμένο Βασίλειο
## official names in Hebrew
US ארצות הברית
DE הרפובליקה הפדרלית של גרמניה
FR הרפובליקה הצרפתית
GB הממלכה המאוחדת
RU הפדרציה הרוסית
## official names in Ukrainian and Bulgarian
DE Федеративна Республіка Німеччина
FR Французька Республіка
PL Республіка Польща
US Сполучені Штати Америки
GB Сполучене Королівство
RU Російська Федерація
DE Федерална република Германия
FR Френска република
GR Република Гърция
TR Република Турция
## official names in Catalan, Lithuanian, Latvian, Slovenian
DE República Federal d'Alemanya
ES Regne d'Espanya
DE Vokietijos Federacinė Respublika
PL Lenkijos Respublika
LV Latvijos Respublika
DE Vācijas Federatīvā Republika
EE Igaunijas Republika
DE Zvezna republika Nemčija
HR Republika Hrvaška
IT Italijanska republika
## official names in Thai and Hindi
DE สหพันธ์สาธารณรัฐเยอรมนี
FR สาธารณรัฐฝรั่งเศส
JP ญี่ปุ่น
US संयुक्त राज्य अमेरिका
DE जर्मनी
GB यूनाइटेड किंगडम
## common names in the weak languages, countries not used before
MX المكسيك
CL تشيلي
NZ نيوزيلندا
PT پرتغال
IE ایرلند
BE بیلجیم
AR ارجنٹائن
NG نائیجیریا
KE 케냐
NZ 뉴질랜드
PT 포르투갈
IS İzlanda
MA Fas
KE Keňa
NZ Uusi-Seelanti
IE Iirimaa
MX Meksiko
NZ Нови Зеланд
CL Čile
PT 葡萄牙
NZ 新西蘭
MA 摩洛哥
IE Ирландия
AR Аргентина
## French, Spanish and Portuguese everyday forms
DE République fédérale d'Allemagne (RFA)
GB Royaume-Uni de Grande-Bretagne
US Etats Unis
CH Confédération Suisse
MX Estados Unidos de México
BR Brasil (República Federativa)
PT Portugal (República Portuguesa)
AO Angola (República de Angola)
MZ Moçambique
CV Cabo Verde (República de Cabo Verde)
`);
