"""CLIP loading and scoring, with the tiny RANDOM-weight model (scores carry no meaning)."""

import shutil

import numpy as np
import pytest
from synthetic import colour_scene
from tiny_clip import write_tiny_clip

from piu_filter.errors import ModelUnavailableError, PiuFilterError
from piu_filter.stages.clip import ClipStage
from piu_filter.models.clip import ClipModel, resolve_clip, resolve_device, same_clip
from piu_filter.sample import Sample


@pytest.fixture(scope="module")
def tiny_model(tiny_clip):
    return ClipModel.load(tiny_clip, None, device="cpu")


def test_local_dir_loads_and_embeds_normalised(tiny_model):
    images = [colour_scene(i, size=(200, 150)).image for i in range(3)]
    embeddings = tiny_model.encode_images(images)
    assert embeddings.shape == (3, 64) and embeddings.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(embeddings, axis=1), 1.0, rtol=1e-5)
    texts = tiny_model.encode_texts(["a", "b"])
    np.testing.assert_allclose(np.linalg.norm(texts, axis=1), 1.0, rtol=1e-5)


def test_loading_twice_gives_the_same_weights(tiny_clip, tiny_model):
    again = ClipModel.load(tiny_clip, None, device="cpu")
    image = [colour_scene(9, size=(120, 90)).image]
    np.testing.assert_allclose(again.encode_images(image), tiny_model.encode_images(image), atol=1e-6)


def test_local_dir_without_weights_is_refused_not_randomised(tmp_path, tiny_clip):
    folder = tmp_path / "no-weights"
    folder.mkdir()
    shutil.copy(tiny_clip.removeprefix("local-dir:") + "/open_clip_config.json", folder)
    with pytest.raises(ModelUnavailableError, match="no weights file.*refusing to initialise randomly"):
        resolve_clip(f"local-dir:{folder}", None)
    with pytest.raises(ModelUnavailableError, match="no open_clip_config.json"):
        resolve_clip(f"local-dir:{tmp_path / 'missing'}", None)


def test_builtin_tag_missing_offline_names_the_fetch_command(tmp_path, monkeypatch):
    monkeypatch.setenv("HF_HUB_CACHE", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    import huggingface_hub.constants as constants

    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    with pytest.raises(ModelUnavailableError, match=r"ViT-B-32 / laion400m_e32 are not on this machine.*hf download timm/vit_base_patch32_clip_224.laion400m_e32"):
        resolve_clip("ViT-B-32", "laion400m_e32")
    with pytest.raises(ModelUnavailableError, match="hf-hub:someone/some-clip is not in the Hugging Face cache"):
        resolve_clip("hf-hub:someone/some-clip", None)


def test_builtin_model_choices_are_checked():
    with pytest.raises(PiuFilterError, match="unknown CLIP model"):
        resolve_clip("ViT-Nope-99", "openai")
    with pytest.raises(PiuFilterError, match="needs --clip-pretrained.*openai"):
        resolve_clip("ViT-B-32", None)
    with pytest.raises(PiuFilterError, match="neither a file nor a tag"):
        resolve_clip("ViT-B-32", "no-such-tag")


def test_tag_found_in_cache_is_used_with_its_preprocessing(tmp_path, monkeypatch):
    import huggingface_hub.constants as constants

    repo = tmp_path / "models--timm--vit_base_patch32_clip_224.openai"
    (repo / "refs").mkdir(parents=True)
    (repo / "refs" / "main").write_text("abc")
    snapshot = repo / "snapshots" / "abc"
    snapshot.mkdir(parents=True)
    (snapshot / "open_clip_model.safetensors").write_bytes(b"weights")
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(tmp_path))
    resolved = resolve_clip("ViT-B-32", "openai")
    assert resolved.weights_file == str(snapshot / "open_clip_model.safetensors")
    assert resolved.quick_gelu is True
    assert resolved.preprocess["mean"][0] == pytest.approx(0.4815, abs=1e-3)


def test_random_weights_only_on_request_and_weights_file(tmp_path, tiny_clip):
    assert resolve_clip("ViT-B-32", "random").pretrained is None
    weights = tiny_clip.removeprefix("local-dir:") + "/open_clip_model.safetensors"
    assert resolve_clip("ViT-B-32", weights).weights_file == weights


def test_device_resolution():
    assert resolve_device("cpu").type == "cpu"
    assert resolve_device("auto").type in ("cpu", "cuda")
    with pytest.raises(PiuFilterError):
        resolve_device("tpu-please")


def test_clip_stage_scores_are_probabilities_and_text_is_embedded_once(tiny_clip):
    stage = ClipStage(resolve_clip(tiny_clip, None), "cpu", ["pos one", "pos two"], ["neg one", "neg two", "neg three"])
    samples = []
    for i in range(4):
        sample = Sample(key=str(i), shard="s", members={})
        sample.image = colour_scene(i, size=(120, 90)).image
        samples.append(sample)
    stage.process(stage.prepare_batch(samples[:2]))
    text = stage.text_embeddings
    stage.process(stage.prepare_batch(samples[2:]))
    assert stage.text_embeddings is text
    for sample in samples:
        assert 0.0 <= sample.clip_score <= 1.0
        assert -1.0 <= sample.clip_similarity <= 1.0
        assert sample.embedding.shape == (64,) and sample.prepared == {}
    # the score is the softmax mass of the positives under the model's logit scale
    sims = samples[0].embedding @ text.T
    probs = np.exp(stage.model.logit_scale * sims)
    probs /= probs.sum()
    assert samples[0].clip_score == pytest.approx(probs[:2].sum(), rel=1e-4)
    assert samples[0].clip_similarity == pytest.approx(sims[:2].max(), rel=1e-4)


def test_identity_names_model_weights_and_preprocessing(tiny_model, tiny_clip, tmp_path):
    identity = tiny_model.identity()
    assert identity["model"].startswith("local-dir:")
    assert len(identity["weights_sha256"]) == 64
    assert identity["embed_dim"] == 64 and identity["image_size"] == 224
    assert same_clip(identity, resolve_clip(tiny_clip, None).identity())
    other = write_tiny_clip(tmp_path / "other", seed=1)
    assert not same_clip(identity, resolve_clip(f"local-dir:{other}", None).identity())
    with pytest.raises(PiuFilterError, match="random weights"):
        resolve_clip("ViT-B-32", "random").identity()


def test_batch_preprocessing_equals_the_model_transform(tiny_model):
    import torch

    from piu_filter.models.preprocess import BatchPreprocess

    images = [colour_scene(i, size=size).image for i, size in enumerate([(640, 427), (300, 500), (224, 224), (1000, 250)])]
    images.append(images[0].convert("L"))
    batch = BatchPreprocess(tiny_model.preprocess)
    assert batch.fast
    expected = torch.stack([tiny_model.preprocess(image) for image in images])
    assert torch.allclose(batch.stack([batch.prepare(image) for image in images]), expected, atol=1e-5)
