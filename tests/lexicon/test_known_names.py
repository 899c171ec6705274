"""The hand list of well-known English names: traced by the name check, used by the repair."""

from pressbrief.eval.judge.names import check_names
from pressbrief.service.lexicon.known_names import known_names_in


def _traced(source: str, english: str) -> bool:
    return all(c.supported for c in check_names(source, english).checks)


def test_an_audit_firm_is_traced_by_its_english_name_and_another_firm_is_not():
    source = "财政部、证监会顶格处罚普华永道，罚没总计4.41亿元。"
    assert known_names_in(source)["普华永道"][0] == "PwC"
    assert _traced(source, "The Ministry of Finance fined PwC RMB 441 million.")
    assert _traced(source, "The Ministry of Finance fined PricewaterhouseCoopers RMB 441 million.")
    assert not _traced(source, "The Ministry of Finance fined Deloitte RMB 441 million.")


def test_the_central_bank_alone_is_the_peoples_bank_and_a_named_foreign_one_hides_it():
    assert "央行" in known_names_in("接近央行人士表示，MLF操作安排在LPR报价后。")
    assert _traced("接近央行人士表示，MLF操作安排在LPR报价后。", "People close to the PBOC said the MLF comes later.")
    # 欧洲央行 is its own entry: the shorter 央行 inside it is no entry of its own
    assert "央行" not in known_names_in("欧洲央行宣布降息25个基点。")
    assert "欧洲央行" in known_names_in("欧洲央行宣布降息25个基点。")


def test_the_water_diversion_project_is_traced_by_its_english_name():
    source = "河北省紧紧抓住南水北调中线工程加大流量输水的有利时机，利用引江水向唐河等河流实施了生态补水。"
    assert _traced(source, "Hebei used the South-to-North Water Transfer Project to replenish rivers.")
    assert not _traced("河北省利用本地水库水补水。", "Hebei used the South-to-North Water Transfer Project.")
