#!/usr/bin/env python3
"""Writes IMDb-shaped dataset files (title.basics, title.ratings, title.crew, title.principals, name.basics,
title.akas) for tests and benchmarks, deterministically: the same arguments give the same bytes.

    gen-imdb-datasets.py OUT_DIR TITLES [--gzip] [--shape default|spread]

Real headers, `\\N` for nulls, tabs in no field, stray quotes in titles, non-Latin scripts and diacritics, a
realistic mix of title types (most titles are episodes, which the catalogue drops) and votes with a long tail.

Shaped like the real files, per title.basics row: about 8 title.principals rows, 1.2 people in name.basics,
4.5 title.akas rows (none for many titles, up to 150 for popular ones), one title.crew row; 13 % of titles rated.
Title words, first names and surnames are drawn Zipf-wise from large vocabularies (the common words first, then
a long tail of generated pronounceable words in a dozen languages and scripts), so that a catalogue has hundreds
of thousands of distinct search terms at full scale. A credit goes to a new person or to someone credited
recently, so a few people are credited very often and most once or twice.

Fast enough for the real scale (12 M titles, 98 M principals): titles are made in segments of 250 000, each
with its own random generator and its own range of nconst numbers, so that segments can be made in parallel
(one process per core) and the output does not depend on how many there are. Lines are built from precomputed
tables and written a batch at a time; gzip is level 1 without a timestamp, one gzip member per file.

`--shape spread` makes another real shape, that of a catalogue whose credits spread over many people (as a
slice of the real files does: most people in it are credited once or twice): about 1.3 people in name.basics
per title, nearly all of them credited on a film-like title (the catalogue keeps about 1 M people at 1 M titles,
against 0.4 M in the default shape); their nconsts spread over the real range (nm0000007 to about nm13000000,
zero-padded to seven digits, eight above nm9999999, as in the real file) so that they no longer sort as they
are numbered; name.basics lists up to four knownForTitles; 8 principals and 2.5 title.akas rows a title, six in
ten of the regional ones repeating the primary title (the original-title row repeats the original); title.crew
names writers for most titles as well as directors. The default shape is unchanged, byte for byte."""
import math
import multiprocessing
import os
import random
import shutil
import struct
import sys
import tempfile
import zlib
from array import array

SEED = 20261125
SEGMENT = 250_000  # titles made by one process with one random generator
PEOPLE_PER_SEGMENT = 500_000  # nconst numbers kept for the people of a segment (about 300 000 are used)
NM = 1_000_000  # nconst numbers start above it, so that they need no zero padding (nm1000001)
BATCH = 2000  # titles per batch: each file gets one write per batch
LEVEL = 1  # gzip level
FILES = {
    "title.basics":
        "tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres\n",
    "title.ratings": "tconst\taverageRating\tnumVotes\n",
    "title.crew": "tconst\tdirectors\twriters\n",
    "title.principals": "tconst\tordering\tnconst\tcategory\tjob\tcharacters\n",
    "title.akas": "titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle\n",
    "name.basics": "nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles\n",
}

# The most frequent words, as before this file drew from them alone (tests search Søren, Łódź, Straße, Æther).
WORDS = ["night", "river", "love", "city", "dark", "last", "summer", "king", "dog", "house", "war", "girl",
         "blue", "shadow", "road", "heart", "fire", "sea", "star", "time", "ghost", "mother", "winter", "dream"]
FOREIGN = ["Søren", "Łódź", "Straße", "Æther", "Amélie", "Café", "Niño", "Über", "Ægir", "Ÿvonne",
           "東京", "夜", "사랑", "밤", "Москва", "Любовь", "Αθήνα", "שלום", "القاهرة", "Ñandú"]
FIRST = ["Anna", "Jean", "Kim", "Maria", "Søren", "Hiroshi", "Olga", "Pedro", "Ji-woo", "Zoë", "Łukasz", "Ahmed"]
LAST = ["Lee", "Martin", "Tanaka", "Kowalski", "Nielsen", "Rossi", "García", "Ivanova", "Park", "Müller", "Dubois"]
# Then common real words, before the generated tail.
MORE_WORDS = """man life world day story game blood death lost secret home one woman boy black white red
    little big new old good bad great dead live kill last first back end little light money child children
    family friends moon sun angel devil island lady love brother sister father son daughter school wild
    dance music song murder street paradise hell storm rain snow fall rising return revenge escape hunt
    journey lake mountain forest garden party wedding kiss call crime justice power hero legend mystery
    truth lies silence voice eyes hands face blood gold silver diamond money street town village road""".split()
GENRES = ["Drama", "Comedy", "Documentary", "Action", "Romance", "Thriller", "Crime", "Horror", "Adventure",
          "Family", "Animation", "Sci-Fi", "Fantasy", "Mystery", "Music", "War", "Western", "Biography",
          "Short", "Talk-Show", "Reality-TV", "News", "Game-Show", "Sport", "Musical", "History", "Adult",
          "Film-Noir"]
GENRE_WEIGHTS = [30, 22, 12, 8, 8, 7, 7, 5, 5, 5, 5, 3, 3, 3, 3, 2, 2, 2, 6, 4, 4, 3, 2, 2, 1, 2, 1, 0.3]
TYPES = [("tvEpisode", 70), ("movie", 8), ("short", 7), ("tvSeries", 3), ("video", 3), ("tvMovie", 3),
         ("tvMiniSeries", 1), ("tvSpecial", 1), ("videoGame", 2), ("tvShort", 1), ("tvPilot", 1)]
# Share of each kind that is rated (13 % of all titles) and the Pareto shape of its votes (5 votes at least; the
# smaller the shape, the longer the tail: at a million titles a few films have a million votes, as in the real file).
RATED = {"tvEpisode": (0.035, 1.0), "movie": (0.5, 0.75), "short": (0.25, 1.0), "tvSeries": (0.45, 0.75),
         "video": (0.25, 1.0), "tvMovie": (0.4, 0.95), "tvMiniSeries": (0.45, 0.85), "tvSpecial": (0.3, 1.0),
         "videoGame": (0.3, 0.85), "tvShort": (0.15, 1.1), "tvPilot": (0.1, 1.1)}
MAX_VOTES = 3_000_000

# Languages of original and alternate titles: articles and small words, title patterns, common words, and the
# letters their generated words are made of.
LANGS = {
    "fr": dict(head="Amour Nuit Vie Café Amélie Femme Homme Mort Ciel Fille Temps Cœur Été Rêve Château Forêt "
                    "Mer Père Mère Enfants Chère Île Éternité".split(),
               pats=["%s", "%s %s", "La %s", "Le %s", "Les %s", "La %s de %s", "Le %s du %s", "Un %s",
                     "Une %s %s", "%s et %s", "L'%s", "Les %s de la %s", "%s à %s"],
               on="b c d f g j l m n p r s t v ch br cr fr gr pl tr".split(), nu="a e i o u é è ê ou ai eau au".split(),
               end=["", "", "ette", "eau", "ier", "ais", "on", "elle", "ée", "ine", "ard", "ois", "ence", "ique"]),
    "de": dict(head="Straße Nacht Liebe Über Tod Himmel Herz Mädchen König Haus Zeit Wald Traum Schatten "
                    "Frühling Größe Männer Brüder".split(),
               pats=["%s", "%s %s", "Der %s", "Die %s", "Das %s", "Der %s von %s", "Die %s der %s",
                     "Ein %s", "%s und %s", "Im %s", "%s im %s", "Das %s des %s"],
               on="b d f g h k l m n p r s t w z sch st br fr gr kr tr".split(), nu="a e i o u ä ö ü ei au ie".split(),
               end=["", "", "en", "er", "ung", "heit", "berg", "mann", "chen", "burg", "lich", "keit", "ß"]),
    "es": dict(head="Niño Ñandú Amor Noche Vida Muerte Corazón Mujer Hombre Ciudad Sueño Señor Mañana "
                    "Corazón Canción Pasión".split(),
               pats=["%s", "%s %s", "El %s", "La %s", "Los %s", "Las %s", "El %s de %s", "La %s del %s",
                     "Un %s", "%s y %s", "%s en %s"],
               on="b c d f g j l m n p r s t v ll ch br tr pl".split(), nu="a e i o u á é í ó ú ia io ue".split(),
               end=["", "", "ción", "ero", "ita", "ez", "ado", "ía", "ón", "ista", "eño", "illa"]),
    "it": dict(head="Amore Notte Vita Morte Cuore Donna Uomo Città Sogno Cielo Mare Perché Così".split(),
               pats=["%s", "%s %s", "Il %s", "La %s", "I %s", "Le %s", "Il %s di %s", "La %s del %s",
                     "Un %s", "%s e %s"],
               on="b c d f g l m n p r s t v z gl gn sc ch tr br".split(), nu="a e i o u à è ì ò ù ia io".split(),
               end=["", "", "ino", "etta", "one", "zione", "ello", "ini", "aio", "esco", "ente"]),
    "pt": dict(head="Amor Noite Vida Coração Mulher Cidade Sonho Irmão Ação Lição Mãe Pão".split(),
               pats=["%s", "%s %s", "O %s", "A %s", "Os %s", "As %s", "O %s do %s", "A %s da %s", "Um %s",
                     "%s e %s"],
               on="b c d f g j l m n p r s t v ch lh nh br tr".split(), nu="a e i o u ã õ á é ó ê ô".split(),
               end=["", "", "ção", "inho", "ões", "eiro", "ada", "ança", "ista", "ãe"]),
    "pl": dict(head="Łódź Miłość Noc Życie Śmierć Serce Miasto Dziewczyna Król Żona Ślub".split(),
               pats=["%s", "%s %s", "%s i %s", "%s w %s", "%s na %s", "%s z %s"],
               on="b c d g k l ł m n p r s t w z sz cz rz dz ż ś prz".split(), nu="a e i o u y ą ę ó".split(),
               end=["", "", "ski", "owa", "ość", "ek", "ka", "icz", "ów", "ński", "ień"]),
    "da": dict(head="Søren Æther Ægir Kærlighed Nat Død Hjerte Pige Konge Drøm Sø Ø Bjørn".split(),
               pats=["%s", "%s %s", "%s og %s", "Den %s", "Det %s", "%s i %s", "%s af %s"],
               on="b d f g h j k l m n p r s t v sk st br gr kr tr".split(), nu="a e i o u y æ ø å".split(),
               end=["", "", "sen", "dal", "by", "gård", "holm", "lund", "strøm", "ager", "ing"]),
    "tr": dict(head="Aşk Gece Hayat Ölüm Kalp Kız Şehir Rüya Güneş Çocuk".split(),
               pats=["%s", "%s %s", "%s ve %s", "Bir %s"],
               on="b c ç d g h k l m n p r s ş t y z".split(), nu="a e i ı o ö u ü".split(),
               end=["", "", "lar", "ler", "ım", "cı", "lik", "dan", "ği", "ş"]),
    "cs": dict(head="Láska Noc Život Smrt Srdce Město Řeka Ďábel Sníh".split(),
               pats=["%s", "%s %s", "%s a %s", "%s v %s"],
               on="b č d h k l m n p ř s š t v z ž ch st".split(), nu="a e i o u á é í ě ů ý ő ű".split(),
               end=["", "", "ka", "ský", "ová", "ost", "ek", "ník", "ő", "ány"]),
    "ru": dict(head="Москва Любовь Ночь Жизнь Смерть Сердце Город Девушка Король Война Мечта".split(),
               pats=["%s", "%s %s", "%s и %s", "%s в %s", "%s на %s"],
               on="б в г д ж з к л м н п р с т ф х ц ч ш щ бр гр др кр пр ст тр".split(),
               nu="а е и о у ы я ю ё э".split(),
               end=["", "", "ов", "ова", "ский", "ая", "ник", "ость", "ец", "ка", "ин"]),
    "el": dict(head="Αθήνα Αγάπη Νύχτα Ζωή Θάνατος Καρδιά Πόλη Όνειρο Θάλασσα".split(),
               pats=["%s", "%s %s", "Η %s", "Ο %s", "Το %s", "%s και %s"],
               on="β γ δ ζ θ κ λ μ ν ξ π ρ σ τ φ χ ψ".split(), nu="α ε η ι ο υ ω ά έ ή ί ό ύ ώ".split(),
               end=["", "", "ος", "ης", "ας", "ου", "ες", "ία", "ικό", "ς"]),
    "ja": dict(head="東京 夜 愛 死 心 夢 海 空 桜 侍 恋 物語".split(),
               pats=["%s", "%s%s", "%sの%s", "%s と %s", "%s %s"],
               kana="アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン"
                    "あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわん"),
    "ko": dict(head="사랑 밤 서울 마음 죽음 꿈 바다 하늘 친구 전쟁".split(),
               pats=["%s", "%s %s", "%s의 %s", "%s와 %s"]),
    "zh": dict(head="夜 爱 心 梦 海 天 龙 家 上海 北京 英雄".split(),
               pats=["%s", "%s%s", "%s之%s", "%s的%s"]),
    "ar": dict(head="القاهرة حب ليل حياة موت قلب مدينة حلم بحر".split(),
               pats=["%s", "%s %s", "%s و%s"],
               letters="ابتثجحخدذرزسشصضطظعغفقكلمنهوي"),
    "he": dict(head="שלום אהבה לילה חיים מוות לב עיר חלום ים".split(),
               pats=["%s", "%s %s", "%s ו%s"],
               letters="אבגדהוזחטיכלמנסעפצקרשת"),
    "hi": dict(head="प्यार रात ज़िंदगी मौत दिल शहर सपना दोस्त".split(),
               pats=["%s", "%s %s", "%s का %s", "%s और %s"],
               letters="कखगघचछजझटठडढतथदधनपफबभमयरलवशसह", signs=["", "ा", "ि", "ी", "ु", "ू", "े", "ै", "ो", "ं"]),
}
# Share of foreign-language original titles per language, and regions of alternate titles with their language
# and weight (how many title.akas rows a region has, roughly as in the real file).
LANG_WEIGHTS = {"fr": 14, "de": 12, "es": 14, "it": 8, "pt": 7, "pl": 3, "da": 3, "tr": 3, "cs": 2, "ru": 8,
                "el": 2, "ja": 9, "ko": 5, "zh": 5, "ar": 2, "he": 1, "hi": 4}
REGIONS = [("US", "en", 9), ("GB", "en", 4), ("CA", "en", 3), ("AU", "en", 2), ("IN", "hi", 5), ("XWW", "en", 3),
           ("FR", "fr", 6), ("CA", "fr", 1), ("DE", "de", 7), ("AT", "de", 1), ("ES", "es", 6), ("MX", "es", 3),
           ("AR", "es", 2), ("IT", "it", 5), ("BR", "pt", 5), ("PT", "pt", 4), ("PL", "pl", 3), ("DK", "da", 1),
           ("NO", "da", 1), ("SE", "da", 2), ("TR", "tr", 2), ("CZ", "cs", 1), ("HU", "cs", 2), ("RU", "ru", 4),
           ("UA", "ru", 1), ("SUHH", "ru", 1), ("GR", "el", 2), ("JP", "ja", 6), ("KR", "ko", 2), ("CN", "zh", 2),
           ("TW", "zh", 1), ("HK", "zh", 1), ("EG", "ar", 1), ("IL", "he", 1)]
# The region whose title a film in each language mostly carries as its original title.
HOME_REGION = {"fr": "FR", "de": "DE", "es": "ES", "it": "IT", "pt": "BR", "pl": "PL", "da": "DK", "tr": "TR",
               "cs": "CZ", "ru": "RU", "el": "GR", "ja": "JP", "ko": "KR", "zh": "CN", "ar": "EG", "he": "IL",
               "hi": "IN"}
AKA_TYPES = [("\\N", "\\N", 70), ("imdbDisplay", "\\N", 18), ("alternative", "\\N", 3), ("working", "\\N", 1),
             ("festival", "\\N", 1), ("dvd", "\\N", 1), ("tv", "\\N", 1), ("video", "\\N", 1),
             ("\\N", "literal English title", 1), ("\\N", "alternative spelling", 1), ("\\N", "short title", 1),
             ("\\N", "new title", 0.5), ("\\N", "reissue title", 0.5), ("imdbDisplay", "transliterated title", 0.5)]
EPISODE_WORD = {"en": "Episode #%d.%d", "fr": "Épisode %d.%d", "de": "Folge %d.%d", "es": "Episodio %d.%d",
                "it": "Episodio %d.%d", "pt": "Episódio %d.%d", "pl": "Odcinek %d.%d", "da": "Afsnit %d.%d",
                "tr": "Bölüm %d.%d", "cs": "Epizoda %d.%d", "ru": "Эпизод %d.%d", "el": "Επεισόδιο %d.%d",
                "ja": "エピソード%d.%d", "ko": "에피소드 %d.%d", "zh": "第%d.%d集", "ar": "الحلقة %d.%d",
                "he": "פרק %d.%d", "hi": "एपिसोड %d.%d"}
# English title patterns and their weights; %s is a content word.
EN_PATS = [("%s", 14), ("%s %s", 16), ("%s %s %s", 7), ("%s %s %s %s", 2), ("The %s", 10), ("The %s %s", 6),
           ("%s of the %s", 4), ("The %s of %s", 2), ("The %s of the %s", 2), ("%s of %s", 3), ("%s and %s", 3),
           ("%s & %s", 1), ("A %s", 2), ("A %s %s", 1), ("A %s for %s", 0.5), ("%s in the %s", 1.5),
           ("%s in %s", 1), ("My %s", 1), ("%s's %s", 2), ("%s: %s %s", 2), ("%s: The %s", 1),
           ("%s on the %s", 1), ("%s to %s", 0.5), ("%s with %s", 0.5), ("%s %s!", 0.5), ("%s?", 0.3),
           ("Love in %s", 0.3), ("The %s and the %s", 1), ("%s from %s", 0.5), ("Into the %s", 0.3),
           ("Night of the %s %s", 0.2), ("%s at %s", 0.4), ("The %s's %s", 0.5), ("Inside %s", 0.2)]
SEQUELS = [" 2", " 2", " 3", " II", " III", ": Part 2", " Part II", " 4", " 2: The %s", ": Chapter 3", " 5", " 3D",
           " Returns", " Reloaded", " Forever", " 1984", " 2000", " 100", ": Episode I"]
NUMBERS = ["2", "3", "7", "10", "12", "13", "21", "24", "100", "1984", "2001", "1917", "99", "Seven", "One"]
ROLES = """Doctor Nurse Police Officer Detective Waitress Bartender Narrator Mother Father Himself Reporter
    Soldier Teacher Student Girl Boy Man Woman Driver Guard Priest Judge Lawyer Nurse Singer Dancer Host
    Young Old Little Captain Sergeant Agent Mr. Mrs. Dr. Officer Professor Uncle Aunt Grandma King Queen""".split()
MORE_FIRST = """John James Michael David Robert William Mary Patricia Jennifer Linda Elizabeth Susan Sarah Karen
    Thomas Paul Mark Peter Daniel Laura Julia Sophie Emma Marie Lucas Louis Hugo Léa Chloé Camille Giulia
    Marco Luca Francesca Alessandro Hans Klaus Jürgen Jörg Stefan Katarzyna Małgorzata Piotr Paweł Agnieszka
    Ivan Dmitri Sergei Natalia Tatiana Yuki Haruto Sakura Takeshi Kenji Min-jun Seo-yeon Ji-hoon Wei Li Ming
    Carlos José Juan Luis Sofía Lucía Ana João Inês Mehmet Ayşe Fatma Mustafa Björn Åsa Sigrid Lars Ingrid
    Mohammed Fatima Ali Omar Priya Rahul Amit Anjali Raj Chidi Ngozi Kwame Aisha Nikos Eleni Dimitris""".split()
MORE_LAST = """Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor Thomas Moore Jackson White
    Harris Clark Lewis Walker Hall Young King Wright Scott Green Baker Adams Nelson Hill Campbell Mitchell Roberts
    Bernard Petit Durand Leroy Moreau Lefèvre Schmidt Schneider Fischer Weber Meyer Wagner Becker Schulz Hoffmann
    Nowak Wiśniewski Wójcik Kowalczyk Lewandowski Ivanov Smirnov Kuznetsov Popov Petrova Suzuki Takahashi
    Watanabe Itō Yamamoto Nakamura Kobayashi Kim Choi Jung Kang Cho Wang Zhang Liu Chen Yang Huang Zhao
    Rodríguez Martínez López González Hernández Pérez Sánchez Ramírez Silva Santos Oliveira Souza Pereira
    Ferrari Esposito Bianchi Romano Colombo Ricci Marino Hansen Jensen Pedersen Andersen Larsen Sørensen
    Johansson Karlsson Nilsson Yılmaz Kaya Demir Şahin Novák Svoboda Dvořák Nagy Horváth Papadopoulos
    Kumar Singh Sharma Patel Gupta Khan Ahmed Hassan Cohen Levi Okafor Mensah""".split()
PARTICLES = ["de", "van", "von", "di", "da", "van der", "del", "ben", "Mc", "O'", "al-"]  # the last three join
CATS = ["actor", "actress", "self", "director", "writer", "producer", "composer", "cinematographer", "editor",
        "casting_director", "production_designer", "archive_footage"]
JOBS = {"producer": ["producer", "producer", "executive producer", "co-producer", "line producer"],
        "writer": ["\\N", "\\N", "screenplay", "story", "novel", "written by", "teleplay", "created by"],
        "cinematographer": ["director of photography", "\\N"], "casting_director": ["\\N", "casting"]}
# Principals per kind: (mean cast, share of casts of 'self', P(director), P(2nd director), mean writers,
# mean producers, P(composer), P(cinematographer), P(editor), P(casting director), P(production designer)).
SHAPE = {"tvEpisode": (4.0, 0.3, 0.75, 0.05, 1.0, 0.6, 0.25, 0.2, 0.3, 0.08, 0.05),
         "movie": (6.2, 0.08, 0.97, 0.12, 1.6, 1.4, 0.65, 0.7, 0.65, 0.35, 0.3),
         "tvMovie": (5.5, 0.1, 0.95, 0.08, 1.3, 1.2, 0.55, 0.55, 0.55, 0.25, 0.2),
         "video": (4.5, 0.25, 0.9, 0.08, 0.9, 0.9, 0.4, 0.45, 0.5, 0.1, 0.1),
         "short": (2.6, 0.25, 0.95, 0.07, 0.9, 0.8, 0.35, 0.5, 0.45, 0.05, 0.05),
         "tvShort": (2.2, 0.35, 0.7, 0.04, 0.6, 0.5, 0.2, 0.25, 0.3, 0.02, 0.02),
         "tvSeries": (6.5, 0.25, 0.3, 0.05, 2.0, 1.5, 0.4, 0.15, 0.2, 0.1, 0.05),
         "tvMiniSeries": (6.5, 0.15, 0.7, 0.15, 1.5, 1.4, 0.5, 0.4, 0.4, 0.2, 0.1),
         "tvSpecial": (5.5, 0.6, 0.8, 0.05, 0.8, 1.2, 0.3, 0.2, 0.3, 0.02, 0.1),
         "videoGame": (5.0, 0.05, 0.5, 0.1, 1.0, 0.8, 0.6, 0.0, 0.0, 0.1, 0.1),
         "tvPilot": (5.0, 0.1, 0.85, 0.05, 1.2, 1.0, 0.4, 0.4, 0.4, 0.15, 0.1)}
# People: the share of credits of each category that go to a new person; the rest go to someone from the last
# POOL credits of that category (so the often credited get credited more: most people end up with one or two
# credits, some with hundreds), or, a STAR share, to one of a few prolific people.
NEW = [0.16, 0.16, 0.28, 0.11, 0.13, 0.12, 0.09, 0.1, 0.1, 0.1, 0.1, 0.3]
STAR = 0.003
POOL = 1 << 13
# The spread shape: most cast and directors of a film-like title are new people, while episodes and the other
# kinds mostly credit people seen before (cast of a series, crew); nconsts are spaced SPREAD_STRIDE apart.
SPREAD_NEW_FILM = [0.86, 0.86, 0.8, 0.8, 0.3, 0.12, 0.1, 0.1, 0.1, 0.1, 0.1, 0.5]
SPREAD_NEW_OTHER = [0.02, 0.02, 0.05, 0.03, 0.03, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.05]
SPREAD_STRIDE = 7
FILM_LIKE = {"movie", "tvMovie", "tvSeries", "tvMiniSeries", "tvSpecial", "short", "video"}


def nm_list(ids, off, stride):
    """A title.crew field: up to three distinct nconsts, or \\N."""
    if not ids:
        return "\\N"
    if len(ids) == 1:
        return f"nm{ids[0] * stride + off:07d}"
    return ",".join([f"nm{p * stride + off:07d}" for p in dict.fromkeys(ids)][:3])


def table(rng, items, weights, size):
    """`size` draws from `items` with these weights: sampling then is one index into the table."""
    return rng.choices(items, weights, k=size)


def generated(rng, first, rest, count):
    """Up to `count` distinct pronounceable words: a syllable from `first` then a part from each list in `rest`."""
    r = rng.random
    words = {}
    lists = [(p, len(p)) for p in rest]
    f, nf = first, len(first)
    tries = 0
    while len(words) < count and tries < 4:
        need = int((count - len(words)) * 1.1) + 10
        if len(lists) == 2:
            (a, na), (b, nb) = lists
            words.update(dict.fromkeys([f[int(r() * nf)] + a[int(r() * na)] + b[int(r() * nb)] for _ in range(need)]))
        else:
            (a, na), (b, nb), (c, nc) = lists
            words.update(dict.fromkeys(
                [f[int(r() * nf)] + a[int(r() * na)] + b[int(r() * nb)] + c[int(r() * nc)] for _ in range(need)]))
        tries += 1
    out = list(words)
    return out[:count] if len(out) > count else out


class Zipf:
    """Rank r drawn with weight 1/(r + q), by inverting the continuous distribution: words[int(q * e^(lq * u)) - q].
    A few words very often, a long tail once or twice."""

    def __init__(self, words, q):
        self.words = words + [words[-1]]  # u a hair below 1 cannot fall off the end
        self.q = q
        self.lq = math.log((len(words) + q) / q)


def lang_words(rng, code, spec, size):
    """The vocabulary of one language: its common words first, then generated ones in its script."""
    head = spec["head"]
    if code == "ja":
        kana = spec["kana"]
        kanji = [chr(0x4E00 + int(rng.random() * 2500) * 7) for _ in range(1500)]
        syl = list(kana)
        words = generated(rng, syl, [syl, syl + [""] * 30, [""] * 40 + syl], size - size // 3)
        compounds = generated(rng, kanji, [kanji, [""] * 4000 + kanji], size // 3)
        words = [w for pair in zip(words, compounds) for w in pair] + words[len(compounds):]
    elif code == "ko":
        # Hangul syllables of common initials, vowels and finals (none, k, n, l, m, ng).
        syl = [chr(0xAC00 + (i * 21 + v) * 28 + f) for i in (0, 2, 3, 5, 6, 7, 9, 11, 12, 14, 15, 16, 17, 18)
               for v in (0, 1, 4, 5, 6, 8, 12, 13, 17, 18, 20, 9) for f in (0, 1, 4, 8, 16, 21)]
        words = generated(rng, syl, [syl, [""] * 20 + syl[:200]], size)
    elif code == "zh":
        chars = [chr(0x4E00 + int(rng.random() * 20000)) for _ in range(3000)]
        words = generated(rng, chars, [chars, [""] * 3000 + chars[:1500]], size)
    elif code in ("ar", "he"):
        ls = list(spec["letters"])
        words = generated(rng, ls, [ls, ls, [""] * 10 + ls], size)
    elif code == "hi":
        ls = list(spec["letters"])
        syl = [c + s for c in ls for s in spec["signs"]]
        words = generated(rng, syl, [syl, [""] * 100 + syl], size)
    else:
        first = [(o + v).capitalize() for o in spec["on"] + [""] for v in spec["nu"]]
        mid = [o + v for o in spec["on"] for v in spec["nu"]] + [""] * 40
        words = generated(rng, first, [mid, spec["nu"] + spec["end"] * 3, spec["end"]], size)
    seen = set(head)
    return head + [w for w in words if w not in seen]


def poisson(rng, mean):
    k, t, limit = 0, rng.random(), math.exp(-mean)
    while t > limit:
        k += 1
        t *= rng.random()
    return k


def prepare(n):
    """Vocabularies and tables shared by all segments, drawn from SEED."""
    rng = random.Random(SEED)
    r = rng.random
    T = {}
    # Vocabularies grow with the catalogue: about half a million English title words and as many surnames at a
    # million titles, capped towards the real scale.
    en_size = min(1_500_000, 3000 + n // 2)
    lang_size = min(150_000, 400 + n // 25)
    first_size = min(300_000, 400 + n // 12)
    last_size = min(1_500_000, 2000 + n // 2)
    onsets = "b c d f g h j k l m n p r s t v w br cr dr fr gr pr tr bl cl fl gl pl sl st sh ch th sp sk sn sw wh qu"
    en_first = [(o + v).capitalize() for o in onsets.split() + [""] for v in "a e i o u ai ea ee oo ou ay ie oa".split()]
    en_mid = [o + v for o in "b c d f g k l m n p r s t v w z ll rr st nd".split() for v in "a e i o u er".split()]
    en_end = ["", "", "", "er", "ing", "on", "a", "y", "ton", "land", "ville", "ia", "man", "ness", "ly", "en",
              "ford", "wood", "light", "field", "stone", "ers", "ey", "ie", "o", "ix", "ade", "ine", "ow", "us"]
    en_tail = generated(rng, en_first, [en_mid + [""] * 60, en_end], en_size)
    en_head = [w.capitalize() for w in WORDS] + list(dict.fromkeys(w.capitalize() for w in MORE_WORDS
                                                                   if w not in WORDS))
    seen = set(en_head)
    T["en"] = Zipf(en_head + [w for w in en_tail if w not in seen], 5)
    langs = {c: Zipf(lang_words(rng, c, s, lang_size), 4) for c, s in LANGS.items()}
    # Foreign words inside English titles (names of places and people, loanwords): the old list first, then the
    # languages' words in turn, about half of them in non-Latin scripts.
    tails = [langs[c].words[len(LANGS[c]["head"]):-1] for c in LANG_WEIGHTS]
    seen = set(FOREIGN)
    T["foreign"] = Zipf(FOREIGN + [w for w in (w for group in zip(*tails) for w in group) if w not in seen], 1)
    first_tail = generated(rng, en_first + [(o + v).capitalize() for o in "b d g k l m n r s t v z".split()
                                            for v in "a e i o u á é ø ł ö ü".split()],
                           [en_mid + [""] * 30, ["a", "o", "e", "i", "", "", "en", "ia", "ko", "ta", "ine", "ette"]],
                           first_size)
    seen = set(FIRST + MORE_FIRST)
    firsts = Zipf(FIRST + [w for w in dict.fromkeys(MORE_FIRST) if w not in FIRST] +
                  [w for w in first_tail if w not in seen], 3)
    last_ends = ["son", "sen", "ski", "ska", "wicz", "ov", "ova", "enko", "ez", "es", "ini", "etti", "mann", "berg",
                 "stein", "moto", "yama", "ta", "ura", "ley", "ton", "er", "ard", "ić", "ović", "escu", "oğlu",
                 "ø", "ås", "ström", "ßler", "owski", "ière", "eau", "ez", "", "", "", "", "", "a", "i", "o"]
    last_tail = generated(rng, en_first, [en_mid + [""] * 40, last_ends], last_size)
    seen = set(LAST + MORE_LAST)
    lasts = Zipf(LAST + [w for w in dict.fromkeys(MORE_LAST) if w not in LAST] +
                 [w for w in last_tail if w not in seen], 5)
    T["firsts"], T["lasts"] = firsts, lasts

    def draw(z):
        return z.words[int(z.q * math.exp(z.lq * r())) - z.q]

    T["en_pats"] = table(rng, [(p, p.count("%s")) for p, _ in EN_PATS], [w for _, w in EN_PATS], 4096)
    T["langs"] = {c: (z.words, z.q, z.lq, [(p, p.count("%s")) for p in table(rng, LANGS[c]["pats"], None, 256)])
                  for c, z in langs.items()}
    T["orig_langs"] = table(rng, list(LANG_WEIGHTS), list(LANG_WEIGHTS.values()), 1024)

    # Per-kind tables: one random number picks the end of a title.basics row, a billing... (smaller tables for
    # small outputs, which tests make often).
    n_templates, n_basics = (1024, 8192) if n > 100_000 else (256, 2048)
    T["n_templates"], T["n_basics"] = n_templates, n_basics
    years = [str(2026 - int(132 * r() ** 2.2)) if r() < 0.97 else "\\N" for _ in range(4096)]
    adult = ["1" if r() < 0.02 else "0" for _ in range(1024)]
    ends = [int(r() ** 2 * 12) if r() < 0.6 else None for _ in range(1024)]
    T["years"] = years
    T["ratings_avg"] = ["%.1f" % min(10.0, max(1.0, rng.gauss(6.7, 1.35))) for _ in range(4096)]
    T["seasons"] = [1 + int(r() ** 3 * 30) for _ in range(1024)]
    T["episodes"] = [1 + int(r() ** 2 * 60) for _ in range(1024)]
    basics_ends = {}
    for kind, _ in TYPES:
        lo, hi, mid = {"movie": (60, 200, 95), "tvMovie": (45, 150, 88), "video": (20, 140, 75),
                       "short": (1, 45, 10), "tvShort": (1, 30, 8), "tvEpisode": (5, 90, 30),
                       "tvSeries": (10, 90, 30), "tvMiniSeries": (30, 120, 55), "tvSpecial": (20, 180, 60),
                       "tvPilot": (20, 90, 45), "videoGame": (1, 2, 1)}[kind]
        present = {"tvEpisode": 0.45, "videoGame": 0.0, "movie": 0.85}.get(kind, 0.7)
        runtimes = [str(int(rng.triangular(lo, hi, mid))) if r() < present else "\\N" for _ in range(1024)]
        gw = list(GENRE_WEIGHTS)
        if kind in ("tvEpisode", "tvSeries"):
            for g in ("Talk-Show", "Reality-TV", "News", "Game-Show"):
                gw[GENRES.index(g)] *= 6
        gw[GENRES.index("Short")] = 120 if kind in ("short", "tvShort") else 0
        genres = []
        for _ in range(2048):
            if r() < 0.06:
                genres.append("\\N")
            else:
                genres.append(",".join(sorted(set(rng.choices(GENRES, gw, k=rng.choice([1, 1, 2, 2, 3, 3, 3]))))))
        rows = []
        since = 1972 if kind == "videoGame" else (1946 if kind.startswith("tv") else 0)  # television, games
        for _ in range(n_basics):
            year, end = years[int(r() * 4096)], "\\N"
            if year != "\\N" and int(year) < since:
                year = str(since + int(r() * (2026 - since)))
            if kind in ("tvSeries", "tvMiniSeries") and year != "\\N":
                e = ends[int(r() * 1024)]
                if e is not None:
                    end = str(min(2026, int(year) + e))
            rows.append("\t%s\t%s\t%s\t%s\t%s\n" % (adult[int(r() * 1024)], year, end, runtimes[int(r() * 1024)],
                                                   genres[int(r() * 2048)]))
        basics_ends[kind] = rows

    # Alternate titles: the region (and its language) and the types and attributes, drawn together.
    region_rows = [((region, lang, types, attrs), w * tw)
                   for region, lang, w in REGIONS for types, attrs, tw in AKA_TYPES]
    code_of = {"SE": "sv", "NO": "no", "HU": "hu", "UA": "uk", "XWW": "en", "CN": "cmn", "TW": "cmn", "HK": "yue"}
    T["aka_tails"] = [(lang, "\t%s\t%s\t%s\t%s\t0\n" % (region, code_of.get(region, lang) if r() < 0.12 else "\\N",
                                                       types, attrs))
                      for region, lang, types, attrs in table(rng, [x for x, _ in region_rows],
                                                              [w for _, w in region_rows], 8192)]
    T["aka_unrated"] = [0 if r() < 0.4 else min(60, 1 + int(-math.log(1 - r()) * 7.0)) for _ in range(4096)]

    # Characters: a name, a role, both, or none; 'self' credits play themselves.
    chars = []
    for _ in range(8192):
        u = r()
        if u < 0.08:
            chars.append("\\N\n")
        elif u < 0.45:
            chars.append('["%s"]\n' % draw(firsts))
        elif u < 0.7:
            chars.append('["%s"]\n' % rng.choice(ROLES))
        elif u < 0.93:
            chars.append('["%s %s"]\n' % (draw(firsts), draw(lasts)))
        elif u < 0.97:
            chars.append('["%s","%s"]\n' % (draw(firsts), rng.choice(ROLES)))
        else:
            chars.append('["%s %s"]\n' % (rng.choice(ROLES), draw(lasts)))
    selfs = table(rng, ['["Self"]\n', '["Himself"]\n', '["Herself"]\n', '["Self - Host"]\n', '["Self - Guest"]\n',
                        '["Self - Contestant"]\n', '["Narrator"]\n', "\\N\n"], [40, 12, 10, 8, 12, 6, 3, 9], 8192)
    char_tables = [chars, chars, selfs] + [None] * 8 + [selfs]
    # Principals: per kind, billings (cast first, then crew); each slot: "\tordering\tnm", its category, the rest
    # of its line, its characters, and whether title.crew lists it as a director (1) or a writer (2), or as a
    # writer who is the director (3).
    templates = {}
    for kind, shape in SHAPE.items():
        mcast, pself, pd, pd2, mw, mp, pc, pcin, ped, pcas, pdes = shape
        tpl = []
        for _ in range(n_templates):
            slots = []
            self_cast = r() < pself
            for _ in range(min(30, poisson(rng, mcast))):
                slots.append(2 if self_cast else (11 if r() < 0.01 else (0 if r() < 0.58 else 1)))
            if r() < pd:
                slots.append(3)
                if r() < pd2:
                    slots.append(3)
            slots += [4] * min(4, poisson(rng, mw)) + [5] * min(4, poisson(rng, mp))
            slots += [c for p, c in ((pc, 6), (pcin, 7), (ped, 8), (pcas, 9), (pdes, 10)) if r() < p]
            built = []
            for o, c in enumerate(slots, 1):
                cat = CATS[c]
                jobs = JOBS.get(cat, ["\\N"])
                job = jobs[int(r() * len(jobs))]
                same = c == 4 and 3 in slots and r() < 0.35
                acting = char_tables[c]
                built.append(("\t%d\tnm" % o, c, ("\t%s\t%s\t" if acting else "\t%s\t%s\t\\N\n") % (cat, job), acting,
                              3 if same else (1 if c == 3 else (2 if c == 4 else 0))))
            tpl.append(tuple(built))
        templates[kind] = tpl
    T["kinds"] = {kind: (kind, kind == "tvEpisode", basics_ends[kind]) + RATED[kind] + (templates[kind],)
                  for kind, _ in TYPES}
    T["kind_of_percent"] = [t for t, w in TYPES for _ in range(w)]

    # People's other fields.
    lives = []
    for _ in range(4096):
        if r() < 0.82:
            lives.append("\\N\t\\N")
            continue
        born = 2006 - int(r() ** 1.3 * 125)
        died = born + 40 + int(r() * 55)
        lives.append("%d\t%s" % (born, died if died < 2026 and r() < 0.8 else "\\N"))
    T["lives"] = lives
    return T


T = {}  # what prepare() made, for the segments (inherited by forked workers)


class Part:
    """One file's lines from one segment, compressed (raw deflate, ended by a sync flush so that parts can be
    put one after the other) into a part file, with the CRC and length of what went in."""

    def __init__(self, path, zipped):
        self.path = path
        self.out = open(path, "wb")
        self.z = zlib.compressobj(LEVEL, zlib.DEFLATED, -15) if zipped else None
        self.crc = 0
        self.size = 0
        self.lines = []

    def flush(self):
        if self.lines:
            data = "".join(self.lines).encode("utf-8")
            self.lines.clear()
            self.crc = zlib.crc32(data, self.crc)
            self.size += len(data)
            self.out.write(self.z.compress(data) if self.z else data)

    def close(self):
        self.flush()
        if self.z:
            self.out.write(self.z.flush(zlib.Z_SYNC_FLUSH))
        self.out.close()
        return self.path, self.crc, self.size


def segment(job):
    """Titles lo..hi (and the people they credit) into part files; returns their paths, CRCs and lengths."""
    k, lo, hi, part_dir, zipped, shape = job
    spreads = shape == "spread"
    rng = random.Random(SEED + 1 + k)
    r = rng.random
    exp = math.exp
    parts = {name: Part(os.path.join(part_dir, "%s.%d" % (name, k)), zipped) for name in FILES}
    b_add, r_add = parts["title.basics"].lines.append, parts["title.ratings"].lines.append
    c_add, p_add = parts["title.crew"].lines.append, parts["title.principals"].lines.append
    a_add, n_add = parts["title.akas"].lines.append, parts["name.basics"].lines.append
    by_title = [parts[name] for name in FILES if name != "name.basics"]

    en_w, en_q, en_l = T["en"].words, T["en"].q, T["en"].lq
    fo_w, fo_q, fo_l = T["foreign"].words, T["foreign"].q, T["foreign"].lq
    en_pats, langs, orig_langs = T["en_pats"], T["langs"], T["orig_langs"]
    years, seasons, episodes = T["years"], T["seasons"], T["episodes"]
    ratings_avg, aka_tails, aka_unrated = T["ratings_avg"], T["aka_tails"], T["aka_unrated"]
    n_templates, n_basics = T["n_templates"], T["n_basics"]
    loan = 0.12  # share of the words of English titles that are foreign
    repeat = 0.6 if spreads else 0.45  # share of regional alternate titles that are the primary title
    months = "January February March April May June July August September October November December".split()

    def word():
        u = r()
        if u < loan:
            return fo_w[int(fo_q * exp(fo_l * u / loan)) - fo_q]
        return en_w[int(en_q * exp(en_l * (u - loan) / (1 - loan))) - en_q]

    def en_title():
        p, n_words = en_pats[int(r() * 4096)]
        if n_words == 1:
            t = p % word()
        elif n_words == 2:
            t = p % (word(), word())
        elif n_words == 3:
            t = p % (word(), word(), word())
        else:
            t = p % (word(), word(), word(), word())
        u = r()
        if u < 0.035:
            if u < 0.02:
                s = SEQUELS[int(u * 950)]
                t += s % word() if "%s" in s else s
            elif u < 0.027:
                t = NUMBERS[int((u - 0.02) * 2000)] + " " + t
            elif u < 0.032:
                t = '"' + t  # a stray quote, as real data has
            else:
                t = "The " + t if not t.startswith("The ") else t + ' "' + word() + '"'
        return t

    def lang_title(c):
        if c == "en":
            return en_title()
        ws, q, lq, pats = langs[c]
        p, n_words = pats[int(r() * 256)]
        if n_words == 1:
            return p % ws[int(q * exp(lq * r())) - q]
        return p % tuple([ws[int(q * exp(lq * r())) - q] for _ in range(n_words)])

    def episode_title():
        u = r()
        if u < 0.3:
            return "Episode #%d.%d" % (seasons[int(u * 3413)], episodes[int(r() * 1024)])
        if u < 0.36:
            return "Episode dated %d %s %s" % (1 + int(r() * 28), months[int(r() * 12)],
                                               years[int(r() * 4096)].replace("\\N", "2011"))
        if u < 0.38:
            return "Pilot"
        if u < 0.47:
            return lang_title(orig_langs[int(r() * 1024)])
        return en_title()

    # People of this segment: local numbers 1.., nconst nm(off + number). Each category has a pool of its last
    # POOL credits; prolific people (local 1..stars) stay out of the pools, or their credits would multiply.
    if spreads:
        stride, off = SPREAD_STRIDE, k * PEOPLE_PER_SEGMENT * SPREAD_STRIDE
    else:
        stride, off = 1, NM + k * PEOPLE_PER_SEGMENT
    stars = max(10, min(2000, (hi - lo + 1) // 1000))
    star = Zipf(list(range(1, stars + 1)), 2)
    star_w, star_q, star_l = star.words, star.q, star.lq
    star_from = 1 - STAR
    pools = [[0] * POOL for _ in CATS]
    pos = [0] * len(CATS)  # credits ever put in each pool
    mask = POOL - 1

    def news(kind):
        if not spreads:
            return NEW
        return SPREAD_NEW_FILM if kind in FILM_LIKE else SPREAD_NEW_OTHER

    kinds = {kind: info[:-1] + ([tuple((p1, c, p2, chars, role, pools[c], news(kind)[c],
                                        (1 - 1e-9) / (1 - news(kind)[c] - STAR))
                                       for p1, c, p2, chars, role in t) for t in info[-1]],)
             for kind, info in T["kinds"].items()}
    kinds100 = [kinds[kind] for kind in T["kind_of_percent"]]
    # First and latest credit of each person, as title number * 16 + category (for name.basics).
    first = array("I", [0]) * (stars + 1)
    latest = array("I", [0]) * (stars + 1)
    first_a, latest_a = first.append, latest.append
    next_id = stars + 1
    pareto = rng.paretovariate

    for i in range(lo, hi + 1):
        tconst = "tt%07d" % i
        kind, episode, kind_basics, p_rated, alpha, kind_templates = kinds100[int(r() * 100)]
        # Titles: mostly English, some in another language (then often with an English primary title).
        u = r()
        home = None
        if episode:
            primary = original = episode_title()
        elif u < 0.1:
            home = HOME_REGION[orig_langs[int(u * 10240)]]
            primary = original = lang_title(orig_langs[int(u * 10240)])
        else:
            primary = en_title()
            if u >= 0.8:
                home = HOME_REGION[orig_langs[int((u - 0.8) * 5120)]]
            original = primary if u < 0.8 else lang_title(orig_langs[int((u - 0.8) * 5120)])
        b_add(f"{tconst}\t{kind}\t{primary}\t{original}{kind_basics[int(r() * n_basics)]}")
        if r() < p_rated:
            votes = int(pareto(alpha) * 5)
            if votes > MAX_VOTES:
                votes = MAX_VOTES - int(r() * MAX_VOTES / 2)
            r_add("%s\t%s\t%d\n" % (tconst, ratings_avg[int(r() * 4096)], votes))
            n_akas = min(150, int(votes ** 0.38 + r() * 3))
        else:
            n_akas = aka_unrated[int(r() * 4096)]
        if spreads and n_akas:
            # About 2.5 a title rather than 4.5: episodes have few, films keep theirs.
            n_akas = int(n_akas * (0.4 if episode else 0.9) + r())

        # Principals and crew.
        directors = []
        writers = []
        t16 = i << 4
        for p1, c, p2, chars, role, pool, new_c, spread_c in kind_templates[int(r() * n_templates)]:
            if role == 3:
                pid = directors[0]
            else:
                u = r()
                v = t16 | c
                n_pool = pos[c]
                if u > star_from and n_pool >= 64:
                    pid = star_w[int(star_q * exp(star_l * (1 - u) / STAR)) - star_q]
                    if not first[pid]:
                        first[pid] = v
                    latest[pid] = v
                else:
                    if u < new_c or n_pool < 64:
                        pid = next_id
                        next_id += 1
                        first_a(v)
                        latest_a(v)
                    else:
                        pid = pool[int((u - new_c) * spread_c * (n_pool if n_pool < POOL else POOL))]
                        latest[pid] = v
                    pool[n_pool & mask] = pid
                    pos[c] = n_pool + 1
            if chars:
                p_add(f"{tconst}{p1}{pid * stride + off:07d}{p2}{chars[int(r() * 8192)]}")
            else:
                p_add(f"{tconst}{p1}{pid * stride + off:07d}{p2}")
            if role:
                if role == 1:
                    directors.append(pid)
                else:
                    writers.append(pid)
        # title.crew lists more writers than the principals do, and now and then a director that they miss.
        u = r()
        if u < 0.25:
            c = 4 if u < 0.2 else 3
            n_pool = pos[c]
            if n_pool:
                pid = pools[c][int(r() * (n_pool if n_pool < POOL else POOL))]
            else:
                pid = next_id
                next_id += 1
                first_a(t16 | c)
                latest_a(t16 | c)
            (writers if c == 4 else directors).append(pid)
        if spreads and not writers and r() < 0.55:
            # Most titles' crew names a writer, often one the principals do not list.
            n_pool = pos[4]
            if n_pool >= 64 and r() < 0.7:
                pid = pools[4][int(r() * (n_pool if n_pool < POOL else POOL))]
            else:
                pid = next_id
                next_id += 1
                first_a(t16 | 4)
                latest_a(t16 | 4)
            writers.append(pid)
        c_add(f"{tconst}\t{nm_list(directors, off, stride)}\t{nm_list(writers, off, stride)}\n")

        # Alternate titles: the original, the primary title in some regions, titles in the regions' languages.
        if n_akas:
            orig_at = 1 if r() < 0.5 else n_akas
            # As in the real file, a foreign-language original title is mostly listed again for its home region.
            home_at = orig_at % n_akas + 1 if home and n_akas > 1 and i % 5 else 0
            for o in range(1, n_akas + 1):
                if o == orig_at and not episode:
                    a_add(f"{tconst}\t{o}\t{original}\t\\N\t\\N\toriginal\t\\N\t1\n")
                    continue
                if o == home_at:
                    a_add(f"{tconst}\t{o}\t{original}\t{home}\t\\N\timdbDisplay\t\\N\t0\n")
                    continue
                lang, rest = aka_tails[int(r() * 8192)]
                u = r()
                if u < repeat or lang == "en" and u < 0.9:
                    t = primary
                elif episode:
                    t = EPISODE_WORD[lang] % (seasons[int(u * 1024)], episodes[int(r() * 1024)])
                else:
                    t = lang_title(lang)
                a_add(f"{tconst}\t{o}\t{t}{rest}")
        if i % BATCH == 0:
            for part in by_title:
                part.flush()
    if next_id > PEOPLE_PER_SEGMENT:
        raise SystemExit("gen-imdb-datasets: segment %d credits %d people, more than its nconst range" % (k, next_id))

    # People: names drawn from first names and surnames, now and then a particle, a middle initial or "Jr.".
    fw, fq, fl = T["firsts"].words, T["firsts"].q, T["firsts"].lq
    lw, lq, ll = T["lasts"].words, T["lasts"].q, T["lasts"].lq
    lives = T["lives"]
    cat_names = ["actor", "actress", "", "director", "writer", "producer", "composer", "cinematographer",
                 "editor", "casting_director", "production_designer", "archive_footage"]
    extras = ["", "", "", "", "", "", ",soundtrack", ",miscellaneous", ",producer", ",writer", ",archive_footage",
              ",music_department", ",camera_department", ",stunts"]
    initials = [chr(65 + i) + "." for i in range(26)]
    for p in range(1, next_id):
        u = r()
        name = fw[int(fq * exp(fl * r())) - fq] + " "
        if u < 0.06:
            name += initials[int(u * 433)] + " "
        elif u < 0.09:
            j = int((u - 0.06) * 366)
            name += PARTICLES[j] + ("" if j >= 8 else " ")
        name += lw[int(lq * exp(ll * r())) - lq]
        if u > 0.995:
            name += " Jr."
        fc, lc = first[p], latest[p]
        if fc:
            prof = ",".join([c for c in dict.fromkeys((cat_names[fc & 15], cat_names[lc & 15])) if c])
            extra = extras[int(r() * 14)]
            prof = (prof + extra if extra[1:] not in prof else prof) if prof else "\\N"
            known = "tt%07d" % (fc >> 4) if fc >> 4 == lc >> 4 else "tt%07d,tt%07d" % (fc >> 4, lc >> 4)
            if spreads and r() < 0.45:
                # Up to four titles, as the real file lists: others from around the person's credits.
                known += "".join(",tt%07d" % (lo + int(r() * (hi - lo + 1))) for _ in range(1 + int(r() * 2)))
        else:
            prof, known = "\\N", "\\N"
        n_add(f"nm{p * stride + off:07d}\t{name}\t{lives[int(r() * 4096)]}\t{prof}\t{known}\n")
        if p % 20000 == 0:
            parts["name.basics"].flush()
    return {name: part.close() for name, part in parts.items()}


def crc32_combine(crc1, crc2, len2):
    """The CRC-32 of A + B from those of A and B and the length of B (zlib's crc32_combine)."""

    def times(mat, vec):
        s, i = 0, 0
        while vec:
            if vec & 1:
                s ^= mat[i]
            vec >>= 1
            i += 1
        return s

    def square(mat):
        return [times(mat, mat[i]) for i in range(32)]

    if len2 == 0:
        return crc1
    odd = [0xEDB88320] + [1 << i for i in range(31)]
    even = square(odd)
    odd = square(even)
    while True:
        even = square(odd)
        if len2 & 1:
            crc1 = times(even, crc1)
        len2 >>= 1
        if not len2:
            break
        odd = square(even)
        if len2 & 1:
            crc1 = times(odd, crc1)
        len2 >>= 1
        if not len2:
            break
    return crc1 ^ crc2


class Output:
    """One dataset file: its header line, then the segments' parts in order (one gzip member with --gzip)."""

    def __init__(self, path, header, zipped):
        self.out = open(path, "wb")
        self.zipped = zipped
        data = header.encode("utf-8")
        if zipped:
            z = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
            self.out.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x04\xff" + z.compress(data) + z.flush(zlib.Z_SYNC_FLUSH))
        else:
            self.out.write(data)
        self.crc = zlib.crc32(data)
        self.size = len(data)

    def append(self, part):
        path, crc, size = part
        with open(path, "rb") as f:
            shutil.copyfileobj(f, self.out, 1 << 20)
        os.remove(path)
        self.crc = crc32_combine(self.crc, crc, size)
        self.size += size

    def close(self):
        if self.zipped:
            end = zlib.compressobj(LEVEL, zlib.DEFLATED, -15).flush()  # an empty last block
            self.out.write(end + struct.pack("<II", self.crc, self.size & 0xFFFFFFFF))
        self.out.close()


def main():
    out = sys.argv[1]
    n = int(sys.argv[2])
    zipped = "--gzip" in sys.argv
    shape = sys.argv[sys.argv.index("--shape") + 1] if "--shape" in sys.argv else "default"
    if shape not in ("default", "spread"):
        raise SystemExit("gen-imdb-datasets: --shape is default or spread, not %s" % shape)
    os.makedirs(out, exist_ok=True)
    T.update(prepare(n))
    part_dir = tempfile.mkdtemp(prefix=".parts-", dir=out)
    try:
        jobs = [(k, lo, min(n, lo + SEGMENT - 1), part_dir, zipped, shape)
                for k, lo in enumerate(range(1, n + 1, SEGMENT))]
        ext = ".tsv.gz" if zipped else ".tsv"
        outputs = {name: Output(os.path.join(out, name + ext), header, zipped) for name, header in FILES.items()}
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
        workers = min(len(jobs), cores, 4)
        if workers > 1:
            with multiprocessing.get_context("fork").Pool(workers) as pool:
                for parts in pool.imap(segment, jobs):
                    for name, part in parts.items():
                        outputs[name].append(part)
        else:
            for job in jobs:
                for name, part in segment(job).items():
                    outputs[name].append(part)
        for output in outputs.values():
            output.close()
    finally:
        shutil.rmtree(part_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
