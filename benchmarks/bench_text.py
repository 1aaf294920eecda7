"""Text for the benchmark: the sample release, tokenizer training text, generated documents.

Kept free of torch and the pipeline's MT stack so every worker can import it cheaply.
"""

from __future__ import annotations

import random
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RELEASE = ROOT / "examples" / "generium-next-release.txt"

# Russian text for the target-side SentencePiece model (the release has one Russian line).
RUSSIAN_TEXT = [
    "Компания Генериум Некст получила статус резидента ОЭЗ Технополис Москва.",
    "Там она будет производить лекарства, в том числе для лечения редких заболеваний.",
    "Об этом сообщил руководитель департамента инвестиционной и промышленной политики Москвы.",
    "Компания арендовала помещение общей площадью 518 квадратных метров на площадке Алабушево.",
    "На втором этапе инвестиционного проекта к 2024 году резидент построит собственный завод.",
    "Общий объём планируемых инвестиций в проект составит почти 5 миллиардов рублей.",
    "На предприятии планируется создать не менее 250 рабочих мест.",
    "Среди препаратов средства для лечения бронхиальной астмы и сердечно-сосудистых болезней.",
    "Это, например, болезнь Гоше и муковисцидоз.",
    "После запуска собственных цехов компания будет выпускать субстанции и готовые формы.",
    "Производственная мощность предприятия составит более 150 тысяч единиц продукции в год.",
    "Этому способствует удобная логистика и кооперация внутри кластера медицинских технологий.",
    "Компания специализируется на обеспечении системы здравоохранения современными препаратами.",
    "Все препараты включены Минздравом России в перечень жизненно необходимых лекарств.",
    "Строительство высокотехнологичного фармацевтического производства отвечает планам.",
    "Все эти возможности наилучшим образом отражены в концепции особой экономической зоны.",
    "Ваш вопрос очень важен для нас; ответ придёт по электронной почте.",
    "Нажмите кнопку, чтобы сохранить файл, и закройте окно.",
    "Сервер вернул ошибку, повторите попытку позже.",
    "Перевод документации выполнен автоматически и проверен редактором.",
    "Генеральный директор заявил, что новый завод откроется в следующем году.",
    "Правительство города поддерживает развитие фармацевтической промышленности.",
    "Специалисты проверили качество продукции и подтвердили её соответствие стандартам.",
    "Отчёт о деятельности компании будет опубликован на официальном сайте.",
]

# Generated sentences avoid the sample glossary's terms: a term in a sentence gives it its
# own prefer/avoid group in the engines, which would change batching with document size.
_SUBJECTS = [
    "The company",
    "The new plant",
    "The project team",
    "The city government",
    "The laboratory",
    "The manufacturer",
    "The investor",
    "The board of directors",
    "The supplier",
    "The research centre",
    "The hospital",
    "The university",
]
_VERBS = [
    "will produce",
    "plans to modernize",
    "has received",
    "is expected to build",
    "will supply",
    "announced",
    "will package",
    "has registered",
    "will develop",
    "intends to export",
]
_OBJECTS = [
    "medicines for children",
    "a new warehouse for its products",
    "equipment for the laboratory",
    "products for local hospitals",
    "a production line for tablets",
    "new jobs for engineers",
    "a quality control system",
    "training programmes for doctors",
    "software for logistics",
    "modern medicines",
]
_TAILS = [
    "this year",
    "by the end of the decade",
    "in the northern district",
    "with the support of the city",
    "according to the head of the department",
    "in cooperation with its partners",
    "after the launch of its workshops",
    "next spring",
]


def release_sentences() -> list[str]:
    """The English sentences of the sample release, as ``l10n translate`` segments them."""
    from pipeline.formats import read_document
    from pipeline.segment import segment_document

    document = segment_document(read_document(RELEASE))
    return [segment.text for segment in document.segments if segment.lang == "en"]


def english_training_text() -> list[str]:
    """English lines for the source-side SentencePiece model: the release, README, generated."""
    lines = [line.strip() for line in RELEASE.read_text(encoding="utf-8").splitlines()]
    readme = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    lines += [line.strip() for line in readme]
    lines += generated_sentences(300, seed=7)
    return [line for line in lines if line]


def generated_sentences(count: int, seed: int) -> list[str]:
    """``count`` distinct English sentences in the release's register (deterministic).

    Each is made from a subject, verb, object and tail plus a number, so any count is
    distinct; each is its own paragraph-ready line ending with a full stop.
    """
    rng = random.Random(seed)
    sentences: list[str] = []
    for number in range(count):
        subject = rng.choice(_SUBJECTS)
        verb = rng.choice(_VERBS)
        obj = rng.choice(_OBJECTS)
        tail = rng.choice(_TAILS)
        sentences.append(f"{subject} {verb} {obj} {tail}, about {number + 10} units in total.")
    return sentences


def write_document(path: Path, sentences: list[str]) -> Path:
    """Write ``sentences`` as a plain-text document, one paragraph each."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    return path
