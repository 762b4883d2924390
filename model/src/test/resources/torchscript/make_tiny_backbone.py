# Writes tiny_backbone.pt, the TorchScript test fixture of TorchScriptBackboneTest:
# a 2-layer CNN with BatchNorm mapping [M, 3, S, S] to a [M, 8, S/2, S/2] feature map
# (the backbone averages it over space). Made with Debian's python3-torch 1.13:
#   /usr/bin/python3 make_tiny_backbone.py
import torch
import torch.nn as nn

torch.manual_seed(7)


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 4, 3, padding=1)
        self.bn1 = nn.BatchNorm2d(4)
        self.conv2 = nn.Conv2d(4, 8, 3, padding=1, stride=2)

    def forward(self, x):
        return self.conv2(torch.relu(self.bn1(self.conv1(x))))


m = Tiny().eval()
script = torch.jit.script(m)
script.save("tiny_backbone.pt")
print(script(torch.zeros(2, 3, 16, 16)).shape)
