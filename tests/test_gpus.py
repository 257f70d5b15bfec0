"""xdist workers each get a GPU of their own; a replacement takes the one its predecessor freed."""
from tsvc.plugin import gpus


def test_workers_claim_distinct_gpus_and_extra_workers_share(tmp_path):
    first, second = gpus.claim(2, 0, tmp_path), gpus.claim(2, 1, tmp_path)
    assert (first.index, first.exclusive, second.index, second.exclusive) == (0, True, 1, True)
    third = gpus.claim(2, 2, tmp_path)
    assert third.exclusive is False and third.index == 0


def test_a_replacement_worker_takes_the_released_gpu_not_a_busy_one(tmp_path):
    first, second = gpus.claim(2, 0, tmp_path), gpus.claim(2, 1, tmp_path)
    first.release()  # the worker on GPU 0 crashed: its lock goes with its process
    replacement = gpus.claim(2, 0, tmp_path)
    assert (replacement.index, replacement.exclusive) == (0, True)
    second.release(), replacement.release()


def test_no_gpu_means_no_claim(tmp_path):
    assert gpus.claim(0, 0, tmp_path) == gpus.Claim(None, True)


def test_visible_devices_respects_a_mask_the_user_set(monkeypatch):
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "4,6")
    assert gpus.visible_devices(1) == "6"
    monkeypatch.delenv("CUDA_VISIBLE_DEVICES")
    assert gpus.visible_devices(1) == "1"
